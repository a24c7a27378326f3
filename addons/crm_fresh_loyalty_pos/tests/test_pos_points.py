# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.crm_fresh_loyalty.tests.common import points_program_values
from odoo.addons.point_of_sale.tests.common import TestPoSCommon


@tagged("post_install", "-at_install")
class TestPosPoints(TestPoSCommon):
    """Points of POS orders, as the POS confirms them after the sync."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env["loyalty.program"].create(
            points_program_values("Shop Club", reward_points=100)
        )
        cls.silver = (
            cls.env["crm.membership.tier"]
            .sudo()
            .create(
                {
                    "name": "Silver",
                    "sequence": 10,
                    "program_id": cls.program.id,
                    "qualify_spend": 10,
                }
            )
        )
        cls.gold = (
            cls.env["crm.membership.tier"]
            .sudo()
            .create(
                {
                    "name": "Gold",
                    "sequence": 20,
                    "program_id": cls.program.id,
                    "qualify_spend": 1000,
                    "points_multiplier": 2.0,
                }
            )
        )
        cls.member = cls.env["res.partner"].create({"name": "Wang Fang"})
        cls.card = cls.env["loyalty.card"].create(
            {"program_id": cls.program.id, "partner_id": cls.member.id}
        )
        cls.product = cls.create_product("Apples", cls.categ_basic, 20.0, 10.0)

    def setUp(self):
        super().setUp()
        self.config = self.basic_config
        self.open_new_session()

    def _sync(self, order_data):
        self.env["pos.order"].sync_from_ui([order_data])
        return self.env["pos.order"].search([("uuid", "=", order_data["uuid"])])

    def _confirm_points(self, order, points):
        # What the POS sends once the order is synced: the points the
        # program's rules give, keys stringified by the RPC.
        return order.confirm_coupon_programs(
            {
                str(self.card.id): {
                    "points": points,
                    "program_id": self.program.id,
                    "coupon_id": self.card.id,
                    "barcode": False,
                }
            }
        )

    def _paid_order(self, quantity=1, uuid=None):
        order_data = self.create_ui_order_data(
            [(self.product, quantity)], customer=self.member, uuid=uuid
        )
        order = self._sync(order_data)
        self._confirm_points(order, 20.0 * quantity)
        return order, order_data

    def test_points_carry_tier_multiplier(self):
        self.card.sudo()._crm_set_tier(self.gold, "manual", "Test")
        order, _data = self._paid_order()
        self.assertEqual(self.card.points, 40.0)
        self.assertEqual(self.card.history_ids.issued, 40.0)
        self.assertEqual(self.card.history_ids.order_id, order.id)

    def test_points_without_tier_are_the_program_points(self):
        self._paid_order()
        self.assertEqual(self.card.points, 20.0)

    def test_points_are_whole_rounded_down(self):
        order_data = self.create_ui_order_data(
            [(self.product, 1)], customer=self.member
        )
        self._confirm_points(self._sync(order_data), 19.7)
        self.assertEqual(self.card.points, 19.0)

    def test_tier_multiplier_gives_whole_points(self):
        self.card.sudo()._crm_set_tier(self.gold, "manual", "Test")
        order_data = self.create_ui_order_data(
            [(self.product, 1)], customer=self.member
        )
        self._confirm_points(self._sync(order_data), 19.3)
        self.assertEqual(self.card.points, 38.0)
        self.assertEqual(self.card.history_ids.crm_tier_bonus, 19.0)

    def test_inflated_points_from_the_till_are_refused(self):
        # A cashier's till sends more points than the order's 20.00 earn
        # under the program (1 point per currency unit).
        order_data = self.create_ui_order_data(
            [(self.product, 1)], customer=self.member
        )
        order = self._sync(order_data)
        with self.assertRaisesRegex(UserError, self.card.code):
            self._confirm_points(order, 5000.0)
        self.assertEqual(self.card.points, 0.0)
        self.assertFalse(self.card.history_ids)
        # What the lines earn is still confirmed.
        self._confirm_points(order, 20.0)
        self.assertEqual(self.card.points, 20.0)

    def test_inflated_points_on_a_new_card_are_refused(self):
        stranger = self.env["res.partner"].create({"name": "Li Lei"})
        order_data = self.create_ui_order_data([(self.product, 1)], customer=stranger)
        order = self._sync(order_data)
        with self.assertRaisesRegex(UserError, "Shop Club"):
            order.confirm_coupon_programs(
                {
                    "-1": {
                        "points": 21.0,
                        "program_id": self.program.id,
                        "coupon_id": -1,
                        "partner_id": stranger.id,
                        "barcode": False,
                    }
                }
            )
        self.assertFalse(
            self.env["loyalty.card"].search([("partner_id", "=", stranger.id)])
        )

    def test_order_synced_twice_earns_once(self):
        order, order_data = self._paid_order()
        # The offline POS did not get the answer and sends it all again.
        again = self._sync(order_data)
        self._confirm_points(again, 20.0)
        self.assertEqual(again, order)
        self.assertEqual(
            self.env["pos.order"].search_count([("uuid", "=", order.uuid)]), 1
        )
        self.assertEqual(self.card.points, 20.0)
        self.assertEqual(len(self.card.history_ids), 1)

    def test_refund_takes_back_points(self):
        order, _data = self._paid_order(quantity=2)
        refund_data = self.create_ui_order_data(
            [
                {
                    "product": self.product,
                    "quantity": -1,
                    "refunded_orderline_id": order.lines.id,
                }
            ],
            customer=self.member,
        )
        refund = self._sync(refund_data)
        self.assertEqual(refund.refunded_order_id, order)
        self.assertEqual(self.card.points, 20.0)
        self.assertEqual(
            self.card.history_ids.filtered(
                lambda line: line.order_id == refund.id
            ).used,
            20.0,
        )

    def _refund(self, order, quantity):
        refund_data = self.create_ui_order_data(
            [
                {
                    "product": self.product,
                    "quantity": -quantity,
                    "refunded_orderline_id": order.lines.id,
                }
            ],
            customer=self.member,
        )
        return self._sync(refund_data)

    def test_refund_takes_back_first_from_the_orders_points(self):
        old, _data = self._paid_order(quantity=1)
        order, _data = self._paid_order(quantity=2)
        earned = self.card.history_ids.filtered(lambda h: h.order_id == order.id)
        refund = self._refund(order, 1)
        taken = self.card.history_ids.filtered(lambda h: h.order_id == refund.id)
        self.assertEqual((taken.crm_refund_of_id, taken.used), (earned, 20.0))
        self.assertEqual(earned.crm_points_remaining, 20.0)
        old_line = self.card.history_ids.filtered(lambda h: h.order_id == old.id)
        self.assertEqual(old_line.crm_points_remaining, 20.0)
        self.assertEqual(self.card.points, 40.0)

    def test_spent_points_of_a_refund_are_written_off(self):
        order, _data = self._paid_order(quantity=2)
        self.card._crm_adjust_points(-30, "Redeemed at the counter")
        self._refund(order, 2)
        # 10 points of the order were left; the 30 spent are written off.
        self.assertEqual(self.card.points, 0.0)
        self.assertEqual(
            sum(self.card.history_ids.mapped("issued"))
            - sum(self.card.history_ids.mapped("used")),
            0.0,
        )

    def test_spent_points_of_a_refund_may_make_a_negative_balance(self):
        self.program.crm_refund_spent_rule = "negative"
        order, _data = self._paid_order(quantity=2)
        self.card._crm_adjust_points(-30, "Redeemed at the counter")
        refund = self._refund(order, 2)
        self.assertEqual(self.card.points, -30.0)
        lines = self.card.history_ids.filtered(lambda h: h.order_id == refund.id)
        self.assertEqual(sorted(lines.mapped("used")), [10.0, 30.0])

    def test_upgrade_shows_on_next_lookup(self):
        self._paid_order()
        data = self.env["res.partner"].get_new_partner(
            self.config.id, [("id", "=", self.member.id)], 0
        )
        partner_data = data["res.partner"][0]
        self.assertEqual(partner_data["crm_tier_id"], self.silver.id)
        self.assertEqual(partner_data["crm_points"], 20.0)
