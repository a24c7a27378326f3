# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_fresh_loyalty.tests.common import points_program_values
from odoo.addons.crm_fresh_loyalty.tests.test_points_mall import mall_values
from odoo.addons.point_of_sale.tests.common import TestPoSCommon
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestPosPointsMall(TestPoSCommon):
    """The points mall at the till: the cashier redeems for the member, and
    a coupon of the mall is taken at the till."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env["loyalty.program"].create(
            points_program_values("Shop Club", reward_points=100)
        )
        cls.coupon_program, cls.coupon_reward, cls.donation = mall_values(cls.program)
        cls.member = cls.env["res.partner"].create({"name": "Wang Fang"})
        cls.card = cls.env["loyalty.card"].create(
            {"program_id": cls.program.id, "partner_id": cls.member.id}
        )
        cls.card._crm_adjust_points(250, "Welcome points")
        cls.cashier = new_test_user(
            cls.env, login="mall_cashier", groups="point_of_sale.group_pos_user"
        )
        cls.product = cls.create_product("Apples", cls.categ_basic, 20.0, 10.0)

    def setUp(self):
        super().setUp()
        self.config = self.basic_config
        self.open_new_session()

    def _redeem_at_till(self, reward, key="till-1", user=None):
        card = self.card.with_user(user or self.cashier)
        return card.crm_pos_redeem_mall_reward(reward.id, key)

    def test_cashier_redeems_a_coupon_for_the_member(self):
        result = self._redeem_at_till(self.coupon_reward)
        coupon = self.coupon_program.coupon_ids
        self.assertEqual(result["coupon_code"], coupon.code)
        self.assertEqual((result["points"], self.card.points), (50.0, 50.0))
        self.assertEqual(coupon.partner_id, self.member)
        line = self.card.history_ids.filtered("crm_mall_reward_id")
        self.assertEqual(
            (line.crm_move_type, line.create_uid), ("redeemed", self.cashier)
        )
        # The till sends the request again (lost answer): nothing more.
        self.assertEqual(self._redeem_at_till(self.coupon_reward), result)
        self.assertEqual(len(self.coupon_program.coupon_ids), 1)

    def test_not_enough_points_at_the_till(self):
        self._redeem_at_till(self.coupon_reward)
        with self.assertRaisesRegex(UserError, "needs 200 points .* has 50:"):
            self._redeem_at_till(self.coupon_reward, key="till-2")
        self.assertEqual(self.card.points, 50.0)

    def test_only_pos_users_redeem_at_the_till(self):
        clerk = new_test_user(
            self.env,
            login="mall_clerk",
            email="mall.clerk@example.com",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        with self.assertRaises(AccessError):
            self._redeem_at_till(self.donation, user=clerk)
        self.assertEqual(self.card.points, 250.0)

    def test_mall_coupon_is_taken_at_the_till(self):
        coupon = self.card._crm_redeem_mall_reward(
            self.coupon_reward
        ).crm_mall_coupon_id
        found = self.config.with_user(self.cashier).use_coupon_code(
            coupon.code,
            fields.Datetime.to_string(fields.Datetime.now()),
            self.member.id,
            self.config.pricelist_id.id,
        )
        self.assertTrue(found["successful"], found)
        self.assertEqual(found["payload"]["coupon_id"], coupon.id)
        order_data = self.create_ui_order_data(
            [(self.product, 3)], customer=self.member
        )
        self.env["pos.order"].sync_from_ui([order_data])
        order = self.env["pos.order"].search([("uuid", "=", order_data["uuid"])])
        order.confirm_coupon_programs(
            {
                str(coupon.id): {
                    "points": -1,
                    "program_id": self.coupon_program.id,
                    "coupon_id": coupon.id,
                    "barcode": False,
                }
            }
        )
        self.assertEqual(coupon.points, 0.0)


@tagged("post_install", "-at_install")
class TestPosPointsMallTour(TestPointOfSaleHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.program"].search([]).action_archive()
        cls.program = cls.env["loyalty.program"].create(
            points_program_values("Shop Club", reward_points=1000)
        )
        cls.coupon_program, cls.coupon_reward, cls.donation = mall_values(cls.program)
        cls.member = cls.env["res.partner"].create({"name": "Wang Fang"})
        cls.card = cls.env["loyalty.card"].create(
            {"program_id": cls.program.id, "partner_id": cls.member.id}
        )
        cls.card._crm_adjust_points(250, "Welcome points")

    def test_pos_points_mall_tour(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("crm_pos_points_mall")
        self.assertEqual(self.card.points, 50.0)
        coupon = self.coupon_program.coupon_ids
        self.assertEqual(coupon.partner_id, self.member)
        self.assertEqual(
            self.card.history_ids.filtered("crm_mall_reward_id").crm_mall_coupon_id,
            coupon,
        )
