# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Redemptions in the points mall on real, concurrent transactions."""

import psycopg2.errors

from odoo import api
from odoo.exceptions import UserError
from odoo.tests.common import tagged
from odoo.tools import mute_logger

from odoo.addons.crm_customer_message.tests.common_concurrency import ConcurrencyCase

from ..tools import points_flow
from .test_points_mall import mall_values


@tagged("post_install", "-at_install")
class TestPointsMallConcurrency(ConcurrencyCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            program = env["loyalty.program"].create(
                {"name": "Mall Concurrency Club", "program_type": "loyalty"}
            )
            coupon_program, coupon_reward, donation = mall_values(program)
            coupon_reward.required_points = 60
            donation.required_points = 80
            partner = env["res.partner"].create({"name": "Mall Customer"})
            card = env["loyalty.card"].create(
                {"program_id": program.id, "partner_id": partner.id}
            )
            card._crm_adjust_points(100, "Opening balance")
            self.ids = {
                "program": program.id,
                "coupon_program": coupon_program.id,
                "coupon_reward": coupon_reward.id,
                "donation": donation.id,
                "partner": partner.id,
                "card": card.id,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            points_flow(env["loyalty.card"].browse(self.ids["card"])).unlink()
            programs = env["loyalty.program"].browse(
                [self.ids["program"], self.ids["coupon_program"]]
            )
            programs.coupon_ids.unlink()
            programs.active = False  # Odoo refuses to delete an active program
            for program in programs:  # the mall first: it names the coupons
                program.unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _redeem(self, env, reward, key=None):
        card = env["loyalty.card"].browse(self.ids["card"])
        return card._crm_redeem_mall_reward(
            env["loyalty.reward"].browse(self.ids[reward]), key
        )

    def _redeem_retrying(self, reward, key=None):
        """A redemption as an HTTP request runs it: retried by Odoo when the
        database reports a concurrent update."""

        def redeem(env):
            try:
                with env.cr.savepoint():
                    return self._redeem(env, reward, key).id
            except psycopg2.errors.SerializationFailure:
                env.cr.rollback()
                env.invalidate_all()
                return self._redeem(env, reward, key).id

        return redeem

    def _state(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            card = env["loyalty.card"].browse(self.ids["card"])
            lines = card.history_ids
            coupons = env["loyalty.program"].browse(self.ids["coupon_program"])
            return (
                card.points,
                sum(lines.mapped("issued")) - sum(lines.mapped("used")),
                sorted(lines.mapped("crm_move_type")),
                len(coupons.coupon_ids),
            )

    @mute_logger("odoo.sql_db")
    def test_two_redemptions_at_once_never_overdraw(self):
        member, cashier = self._transaction(), self._transaction()
        self._redeem(member, "donation")  # 80 of 100 points, not committed yet
        error = self._run_blocked(
            member, cashier, self._redeem_retrying("donation"), UserError
        )
        self.assertIsInstance(error, UserError)
        self.assertIn("needs 80 points", str(error))
        self.assertEqual(self._state(), (20.0, 20.0, ["adjusted", "redeemed"], 0))

    @mute_logger("odoo.sql_db")
    def test_retried_request_issues_one_coupon(self):
        first, retry = self._transaction(), self._transaction()
        line_id = self._redeem(first, "coupon_reward", "request-1").id
        # The same request sent again while the first is still running.
        again = self._run_blocked(
            first, retry, self._redeem_retrying("coupon_reward", "request-1")
        )
        self.assertEqual(again, line_id)
        self.assertEqual(self._state(), (40.0, 40.0, ["adjusted", "redeemed"], 1))
