# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from odoo.addons.crm_fresh_loyalty.tests.common import points_program_values
from odoo.addons.crm_fresh_loyalty.tests.test_birthday_coupon import (
    birthday_program_values,
)
from odoo.addons.point_of_sale.tests.common import TestPoSCommon


@tagged("post_install", "-at_install")
class TestPosBirthdayCoupon(TestPoSCommon):
    """The birthday coupon of a tier, redeemed at the till as the POS sends
    it: the reward line, then the coupon's points confirmed after the sync."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env["loyalty.program"].create(
            points_program_values("Shop Club")
        )
        cls.birthday_program = cls.env["loyalty.program"].create(
            birthday_program_values()
        )
        cls.gold = (
            cls.env["crm.membership.tier"]
            .sudo()
            .create(
                {
                    "name": "Gold",
                    "program_id": cls.program.id,
                    "qualify_spend": 1000,
                    "birthday_program_id": cls.birthday_program.id,
                }
            )
        )
        cls.member = cls.env["res.partner"].create(
            {
                "name": "Wang Fang",
                "email": "wang.fang@example.com",
                "customer_rank": 1,
                "birthdate_date": date(1990, 3, 17),
            }
        )
        card = cls.env["loyalty.card"].create(
            {"program_id": cls.program.id, "partner_id": cls.member.id}
        )
        card.sudo()._crm_set_tier(cls.gold, "manual", "Test")
        cls.env["res.partner"].sudo()._crm_send_birthday_greetings(
            today=date(2027, 3, 17)
        )
        cls.coupon = cls.member.crm_birthday_coupon_id
        cls.product = cls.create_product("Apples", cls.categ_basic, 20.0, 10.0)

    def setUp(self):
        super().setUp()
        self.config = self.basic_config
        self.open_new_session()

    def test_birthday_coupon_redeemed_at_the_till(self):
        self.assertEqual(self.coupon.points, 1.0)
        reward = self.birthday_program.reward_ids
        coupon_data = {
            str(self.coupon.id): {
                "points": -1.0,
                "program_id": self.birthday_program.id,
                "coupon_id": self.coupon.id,
                "barcode": self.coupon.code,
                "line_codes": ["birthday"],
            }
        }
        # what the POS checks before it syncs the order
        validation = self.env["pos.order"].validate_coupon_programs(
            {str(self.coupon.id): -1.0}, []
        )
        self.assertTrue(validation["successful"])
        order_data = self.create_ui_order_data(
            [
                (self.product, 1),
                {
                    "product": reward.discount_line_product_id,
                    "quantity": 1,
                    "price_unit": -2.0,
                    "price_subtotal": -2.0,
                    "price_subtotal_incl": -2.0,
                    "is_reward_line": True,
                    "reward_id": reward.id,
                    "reward_identifier_code": "birthday",
                    "points_cost": 1.0,
                },
            ],
            customer=self.member,
        )
        self.env["pos.order"].sync_from_ui([order_data])
        order = self.env["pos.order"].search([("uuid", "=", order_data["uuid"])])
        order.confirm_coupon_programs(coupon_data)
        self.assertEqual(order.amount_total, 18.0)
        self.assertEqual(self.coupon.points, 0.0)
        self.assertEqual(order.lines.filtered("is_reward_line").coupon_id, self.coupon)
