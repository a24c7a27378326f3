# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from odoo.addons.crm_fresh_loyalty.tests.common import points_program_values
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestPosCustomerCard(TestPointOfSaleHttpCommon):
    """The cashier selects a member: the customer card shows their latest
    purchases, expiring points and recommendations, one tap adds one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.program"].search([]).action_archive()
        cls.program = cls.env["loyalty.program"].create(
            {
                **points_program_values("Shop Club"),
                "crm_points_expiry_months": 1,
                "crm_expiry_warning_days": 60,
            }
        )
        cls.env["crm.membership.tier"].sudo().create(
            {"name": "Gold", "program_id": cls.program.id, "qualify_spend": 1}
        )
        cls.member = cls.env["res.partner"].create({"name": "Wang Fang"})
        cls.card = cls.env["loyalty.card"].create(
            {"program_id": cls.program.id, "partner_id": cls.member.id}
        )
        cls.card._crm_adjust_points(30, "Welcome points")
        pen = cls.whiteboard_pen.product_variant_id
        organizer = cls.desk_organizer.product_variant_id
        organizer.lst_price = 10
        # a purchase online, by the sales team (the test user is a cashier)
        order = (
            cls.env["sale.order"]
            .sudo()
            .create(
                {
                    "partner_id": cls.member.id,
                    "order_line": [Command.create({"product_id": pen.id})],
                }
            )
        )
        order.action_confirm()
        cls.not_in_pos = cls.env["product.product"].create(
            {"name": "Catering Tray", "available_in_pos": False}
        )
        cls.env["crm.product.recommendation"].sudo().create(
            [
                {
                    "partner_id": cls.member.id,
                    "company_id": cls.env.company.id,
                    "product_id": product.id,
                    "rank": rank,
                }
                for rank, product in enumerate((cls.not_in_pos, organizer), start=1)
            ]
        )
        cls.main_pos_config.write(
            {"tax_regime_selection": False, "use_pricelist": False}
        )

    def _card(self):
        return self.member.with_user(self.pos_user).crm_pos_customer_card(
            self.main_pos_config.id
        )

    def test_card_of_the_customer(self):
        card = self._card()
        self.assertEqual(card["partner_id"], self.member.id)
        self.assertEqual(
            [(p["product"], p["channel"]) for p in card["purchases"]],
            [("Whiteboard Pen", "Sales team")],
        )
        self.assertEqual(card["points_expiring"], 30.0)
        self.assertTrue(card["next_expiry_date"])
        # only what the till sells
        self.assertEqual(
            [r["name"] for r in card["recommendations"]], ["Desk Organizer"]
        )
        # no contact data: the POS shows the customer as it loaded them
        self.assertFalse({"email", "phone", "street"} & set(card))

    def test_customer_card_tour(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("crm_pos_customer_card")
        order = self.env["pos.order"].search([("partner_id", "=", self.member.id)])
        self.assertEqual(order.state, "paid")
        self.assertTrue(order.lines.crm_recommended)
        log = (
            self.env["crm.recommendation.log"]
            .sudo()
            .search([("partner_id", "=", self.member.id)])
        )
        self.assertEqual(
            (log.product_id, log.channel, log.order_ref, bool(log.bought_on)),
            (self.desk_organizer.product_variant_id, "pos", order.name, True),
        )
