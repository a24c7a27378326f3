# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.crm_fresh_loyalty.tests.common import points_program_values
from odoo.addons.point_of_sale.tests.common import TestPoSCommon


@tagged("post_install", "-at_install")
class TestPosCompanyCard(TestPoSCommon):
    """A contact of a company customer buying at the till earns on, and
    spends from, the company's card."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env["loyalty.program"].create(
            points_program_values("Shop Club", reward_points=100)
        )
        cls.company = cls.env["res.partner"].create(
            {"name": "Green Grocers Ltd", "is_company": True}
        )
        cls.buyer = cls.env["res.partner"].create(
            {"name": "Wang Fang", "parent_id": cls.company.id}
        )
        cls.product = cls.create_product("Apples", cls.categ_basic, 20.0, 10.0)

    def setUp(self):
        super().setUp()
        self.config = self.basic_config
        self.open_new_session()

    def _cards(self, partner):
        return self.env["loyalty.card"].search(
            [("partner_id", "=", partner.id), ("program_id", "=", self.program.id)]
        )

    def _paid_order(self, key, points):
        """An order of the contact, and the points the till confirms for it
        on the card ``key`` (negative: a card the till made up)."""
        order_data = self.create_ui_order_data([(self.product, 1)], customer=self.buyer)
        self.env["pos.order"].sync_from_ui([order_data])
        order = self.env["pos.order"].search([("uuid", "=", order_data["uuid"])])
        order.confirm_coupon_programs(
            {
                str(key): {
                    "points": points,
                    "program_id": self.program.id,
                    "coupon_id": key,
                    "partner_id": self.buyer.id,
                    "barcode": False,
                }
            }
        )
        return order

    def test_contact_earns_on_the_company_card(self):
        card = self.env["loyalty.card"].create(
            {"program_id": self.program.id, "partner_id": self.company.id}
        )
        self._paid_order(-1, 20.0)
        self.assertEqual(card.points, 20.0)
        self.assertFalse(self._cards(self.buyer))

    def test_contact_first_purchase_creates_the_company_card(self):
        self._paid_order(-1, 20.0)
        self.assertFalse(self._cards(self.buyer))
        self.assertEqual(self._cards(self.company).points, 20.0)
