# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.crm_fresh_loyalty.tests.common import points_program_values
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestPosMembershipTour(TestPointOfSaleHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.program"].search([]).action_archive()
        cls.program = cls.env["loyalty.program"].create(
            points_program_values("Shop Club", reward_points=1000)
        )
        cls.gold = (
            cls.env["crm.membership.tier"]
            .sudo()
            .create(
                {
                    "name": "Gold",
                    "program_id": cls.program.id,
                    "qualify_spend": 5,
                    "points_multiplier": 2.0,
                }
            )
        )
        cls.member = cls.env["res.partner"].create({"name": "Wang Fang"})
        cls.card = cls.env["loyalty.card"].create(
            {"program_id": cls.program.id, "partner_id": cls.member.id}
        )
        cls.card._crm_adjust_points(50, "Welcome points")
        cls.card.sudo()._crm_set_tier(cls.gold, "manual", "Test")
        cls.whiteboard_pen.product_variant_ids.write({"lst_price": 10})
        cls.main_pos_config.write(
            {"tax_regime_selection": False, "use_pricelist": False}
        )
        # The cashier edits customers (birthday, preferred channel, consent).
        cls.pos_user.group_ids += cls.env.ref("base.group_partner_manager")

    def test_pos_membership_tour(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("crm_pos_membership")
        self.assertEqual(self.card.points, 70.0)
        order = self.env["pos.order"].search([("partner_id", "=", self.member.id)])
        self.assertEqual(order.state, "paid")

    def test_pos_member_price_tour(self):
        # point_of_sale's test base gives every customer a pricelist of their
        # own by an ir.default ("bad hack only for test"); members without
        # one buy at their tier's pricelist.
        self.env["ir.default"].search(
            [
                ("field_id.model", "=", "res.partner"),
                ("field_id.name", "=", "specific_property_product_pricelist"),
            ]
        ).unlink()
        self.gold.discount_percent = 10
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("crm_pos_member_price")
        order = self.env["pos.order"].search([("partner_id", "=", self.member.id)])
        self.assertEqual(
            (order.pricelist_id, order.amount_total),
            (self.gold.pricelist_id, 9.0),
        )

    def test_pos_company_card_tour(self):
        self.gold.qualify_spend = 1000  # no tier bonus on this order
        company = self.env["res.partner"].create(
            {"name": "Green Grocers Ltd", "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "Zhao Lei", "parent_id": company.id}
        )
        company_card = self.env["loyalty.card"].create(
            {"program_id": self.program.id, "partner_id": company.id}
        )
        company_card._crm_adjust_points(50, "Welcome points")
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("crm_pos_company_card")
        self.assertEqual(company_card.points, 60.0)
        self.assertFalse(
            self.env["loyalty.card"].search([("partner_id", "=", contact.id)])
        )
