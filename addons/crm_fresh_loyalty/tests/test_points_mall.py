# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import MembershipCase


def mall_values(program):
    """A points mall on ``program``: a coupon of 10 off orders from 50 for
    200 points, and a donation of 100 points."""
    coupon_program = program.env["loyalty.program"].create(
        {
            "name": "10 off from 50",
            "program_type": "coupons",
            "applies_on": "current",
            "trigger": "with_code",
            "rule_ids": [Command.create({"minimum_amount": 50})],
            "reward_ids": [
                Command.create(
                    {
                        "reward_type": "discount",
                        "discount": 10,
                        "discount_mode": "per_order",
                        "discount_applicability": "order",
                    }
                )
            ],
        }
    )
    coupon_reward, donation = program.env["loyalty.reward"].create(
        [
            {
                "program_id": program.id,
                "description": "10 off coupon",
                "reward_type": "discount",
                "discount": 10,
                "discount_mode": "per_order",
                "required_points": 200,
                "crm_mall_type": "coupon",
                "crm_mall_coupon_program_id": coupon_program.id,
                "crm_mall_coupon_validity_days": 14,
            },
            {
                "program_id": program.id,
                "description": "Donation to Project Hope",
                "reward_type": "discount",
                "required_points": 100,
                "crm_mall_type": "donation",
            },
        ]
    )
    return coupon_program, coupon_reward, donation


@tagged("post_install", "-at_install")
class TestPointsMall(MembershipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coupon_program, cls.coupon_reward, cls.donation = mall_values(cls.program)

    def test_redeeming_issues_a_coupon_and_books_a_redeemed_line(self):
        self._earn(self.card, 250)
        line = self.card._crm_redeem_mall_reward(self.coupon_reward)
        self.assertEqual(self.card.points, 50.0)
        self.assertEqual(self._ledger_balance(self.card), 50.0)
        self.assertEqual(
            (line.crm_move_type, line.used, line.crm_mall_reward_id),
            ("redeemed", 200.0, self.coupon_reward),
        )
        coupon = line.crm_mall_coupon_id
        self.assertEqual(coupon.program_id, self.coupon_program)
        self.assertEqual(coupon.partner_id, self.member)
        self.assertEqual(coupon.points, 1.0)
        self.assertEqual(
            coupon.expiration_date,
            fields.Date.context_today(coupon) + timedelta(days=14),
        )

    def test_donation_takes_the_points_without_a_coupon(self):
        self._earn(self.card, 150)
        line = self.card._crm_redeem_mall_reward(self.donation)
        self.assertEqual(self.card.points, 50.0)
        self.assertEqual(line.crm_move_type, "redeemed")
        self.assertFalse(line.crm_mall_coupon_id)
        self.assertIn("Donation to Project Hope", line.description)

    def test_ledger_line_in_the_members_language(self):
        """A cashier working in English books the line a Chinese member
        reads on the portal."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.member.lang = "zh_CN"
        self._earn(self.card, 150)
        line = self.card.with_context(lang="en_US")._crm_redeem_mall_reward(
            self.donation
        )
        self.assertEqual(line.description, "积分商城兑换：Donation to Project Hope")

    def test_not_enough_points_redeems_nothing(self):
        self._earn(self.card, 150)
        with self.assertRaisesRegex(UserError, "needs 200 points .* has 150:"):
            self.card._crm_redeem_mall_reward(self.coupon_reward)
        self.assertEqual(self.card.points, 150.0)
        self.assertFalse(self.coupon_program.coupon_ids)

    def test_same_request_redeems_once(self):
        self._earn(self.card, 500)
        first = self.card._crm_redeem_mall_reward(self.coupon_reward, "key-1")
        again = self.card._crm_redeem_mall_reward(self.coupon_reward, "key-1")
        self.assertEqual(again, first)
        self.assertEqual(self.card.points, 300.0)
        self.assertEqual(len(self.coupon_program.coupon_ids), 1)

    def test_expired_points_are_not_spent(self):
        with freeze_time("2025-01-10"):
            self._earn(self.card, 150)
        self._earn(self.card, 100)
        # The nightly expiry has not run yet: the 150 points of 2025 are due.
        with self.assertRaisesRegex(UserError, "has 100:"):
            self.card._crm_redeem_mall_reward(self.coupon_reward)
        line = self.card._crm_redeem_mall_reward(self.donation)
        expired = self.card.history_ids.filtered(lambda h: h.crm_move_type == "expired")
        self.assertEqual(expired.used, 150.0)
        self.assertEqual(line.used, 100.0)
        self.assertEqual(self.card.points, 0.0)

    def test_reward_of_another_program_is_refused(self):
        other = self.env["loyalty.program"].create(
            {"name": "Other Club", "program_type": "loyalty"}
        )
        _coupons, _reward, donation = mall_values(other)
        self._earn(self.card, 500)
        with self.assertRaisesRegex(UserError, "not in the points mall"):
            self.card._crm_redeem_mall_reward(donation)
        self.assertEqual(self.card.points, 500.0)

    def test_coupon_reward_needs_its_coupon_program(self):
        with self.assertRaisesRegex(ValidationError, "Coupon Issued"):
            self.coupon_reward.crm_mall_coupon_program_id = False

    def test_mall_coupon_is_used_on_a_sale_order(self):
        self._earn(self.card, 250)
        coupon = self.card._crm_redeem_mall_reward(
            self.coupon_reward
        ).crm_mall_coupon_id
        order = self._sell(self.member, 60, confirm=False)
        rewards = order._try_apply_code(coupon.code)
        self.assertNotIn("error", rewards)
        order._apply_program_reward(self.coupon_program.reward_ids, coupon)
        self.assertEqual(order.amount_total, 50.0)
        order.action_confirm()
        self.assertEqual(coupon.points, 0.0)
        # 50 points left, and 50 earned by the order paid 50
        self.assertEqual(self.card.points, 100.0)
