# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two real transactions at once, on real cursors of the test database.

Each test commits its data in setUp and removes it in a cleanup, the way
Odoo's own concurrency tests do (base's test_ir_sequence, onboarding's
test_onboarding_concurrency): two environments on the test cursor would
share one transaction and prove nothing.
"""

from datetime import date
from unittest.mock import patch

import psycopg2.errors

from odoo import Command, api
from odoo.exceptions import LockError, UserError, ValidationError
from odoo.tests.common import tagged
from odoo.tools import mute_logger

from odoo.addons.crm_customer_message.tests.common_concurrency import ConcurrencyCase

from ..tools import points_flow

CONCURRENCY_ERRORS = (
    LockError,
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.UniqueViolation,
    psycopg2.errors.LockNotAvailable,
)


@tagged("post_install", "-at_install")
class TestPointsConcurrency(ConcurrencyCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            program = env["loyalty.program"].create(
                {
                    "name": "Concurrency Club",
                    "program_type": "loyalty",
                    "applies_on": "both",
                    "trigger": "auto",
                    "crm_points_expiry_months": 12,
                    "rule_ids": [
                        Command.create(
                            {"reward_point_mode": "money", "reward_point_amount": 1}
                        )
                    ],
                    "reward_ids": [
                        Command.create(
                            {"reward_type": "discount", "required_points": 100}
                        )
                    ],
                }
            )
            partner = env["res.partner"].create({"name": "Concurrent Customer"})
            card = env["loyalty.card"].create(
                {"program_id": program.id, "partner_id": partner.id}
            )
            product = env["product.product"].create(
                {"name": "Concurrency pears", "list_price": 10.0, "type": "service"}
            )
            order = env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": 10,
                                "price_unit": 10.0,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
            self.ids = {
                "program": program.id,
                "partner": partner.id,
                "card": card.id,
                "product": product.id,
                "order": order.id,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            order = env["sale.order"].browse(self.ids["order"])
            order.with_context(disable_cancel_warning=True)._action_cancel()
            order.unlink()
            points_flow(env["loyalty.card"].browse(self.ids["card"])).unlink()
            program = env["loyalty.program"].browse(self.ids["program"])
            program.active = False  # Odoo refuses to delete an active program
            program.unlink()
            env["product.product"].browse(self.ids["product"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _run(self, func):
        """Run ``func(env)`` in a transaction and commit; return the error or None."""
        env = self._transaction()
        try:
            func(env)
        except (*CONCURRENCY_ERRORS, UserError) as error:
            env.cr.rollback()
            return error
        env.cr.commit()
        return None

    def _state(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            card = env["loyalty.card"].browse(self.ids["card"])
            lines = card.history_ids
            return (
                card.points,
                sum(lines.mapped("issued")) - sum(lines.mapped("used")),
                sorted(lines.mapped("crm_move_type")),
            )

    def _earn_100(self):
        def earn(env):
            card = env["loyalty.card"].browse(self.ids["card"])
            card._crm_adjust_points(100, "Opening balance")

        self.assertIsNone(self._run(earn))

    def _redeem(self, env, points):
        env["loyalty.card"].browse(self.ids["card"])._crm_adjust_points(
            -points, "Redeemed"
        )

    @mute_logger("odoo.sql_db")
    def test_two_redemptions_never_overdraw(self):
        self._earn_100()
        cashier_1, cashier_2 = self._transaction(), self._transaction()
        self._redeem(cashier_1, 80)  # not committed yet: the card is locked
        with self.assertRaises(LockError):
            self._redeem(cashier_2, 80)
        cashier_2.cr.rollback()
        cashier_1.cr.commit()
        # The second cashier retries: the balance of the moment is too low.
        retry = self._run(lambda env: self._redeem(env, 80))
        self.assertIsInstance(retry, ValidationError)
        self.assertEqual(self._state(), (20.0, 20.0, ["adjusted", "adjusted"]))

    @mute_logger("odoo.sql_db")
    def test_same_order_confirmed_twice_at_once_earns_once(self):
        first, second = self._transaction(), self._transaction()
        orders = [
            env["sale.order"].browse(self.ids["order"]) for env in (first, second)
        ]
        for order in orders:  # both transactions see a draft order
            self.assertEqual(order.state, "draft")
        orders[0].action_confirm()

        # The second confirmation waits for the first transaction, and fails
        # once it is committed.
        error = self._run_blocked(
            first,
            second,
            lambda env: orders[1].action_confirm(),
            (*CONCURRENCY_ERRORS, UserError),
        )
        self.assertIsInstance(error, CONCURRENCY_ERRORS)
        self.assertEqual(self._state(), (100.0, 100.0, ["earned"]))

    @mute_logger("odoo.sql_db")
    def test_expiry_during_a_redemption_loses_and_doubles_nothing(self):
        self._earn_100()
        after_expiry = date(2099, 1, 1)
        cashier, cron = self._transaction(), self._transaction()
        self._redeem(cashier, 30)  # in progress at the counter
        # The card is busy: the expiry run leaves it for the next run.
        cron["loyalty.card"]._crm_expire_points(today=after_expiry)
        cron.cr.commit()
        cashier.cr.commit()
        self.assertEqual(self._state(), (70.0, 70.0, ["adjusted", "adjusted"]))

        self.assertIsNone(
            self._run(
                lambda env: env["loyalty.card"]._crm_expire_points(today=after_expiry)
            )
        )
        self.assertEqual(self._state(), (0.0, 0.0, ["adjusted", "adjusted", "expired"]))

    @mute_logger("odoo.sql_db")
    def test_two_expiry_runs_expire_once(self):
        self._earn_100()
        after_expiry = date(2099, 1, 1)
        cron_1, cron_2 = self._transaction(), self._transaction()
        self.assertTrue(cron_1["loyalty.card"]._crm_expire_points(today=after_expiry))
        # Every due card is locked by the first run: the second expires none.
        self.assertFalse(cron_2["loyalty.card"]._crm_expire_points(today=after_expiry))
        cron_1.cr.commit()
        cron_2.cr.commit()
        self.assertEqual(self._state(), (0.0, 0.0, ["adjusted", "expired"]))

    @mute_logger("odoo.sql_db")
    def test_busy_card_names_the_card_and_says_to_retry(self):
        self._earn_100()
        clerk_1, clerk_2 = self._transaction(), self._transaction()
        self._redeem(clerk_1, 10)  # not committed yet: the card is busy
        code = clerk_2["loyalty.card"].browse(self.ids["card"]).code
        with (
            patch(
                "odoo.addons.crm_fresh_loyalty.models.loyalty_card.LOCK_WAIT_SECONDS",
                1,
            ),
            self.assertRaisesRegex(
                LockError,
                f"Card {code} .*is being updated by someone else.*try again",
            ),
        ):
            self._redeem(clerk_2, 20)
        clerk_2.cr.rollback()
        clerk_1.cr.commit()
        self.assertEqual(self._state(), (90.0, 90.0, ["adjusted", "adjusted"]))

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_two_adjustments_at_once_both_land(self):
        self._earn_100()
        manager_1, manager_2 = self._transaction(), self._transaction()
        card_1 = manager_1["loyalty.card"].browse(self.ids["card"])
        card_2 = manager_2["loyalty.card"].browse(self.ids["card"])
        self.assertEqual(card_2.points, 100.0)  # both see the same balance
        card_1._crm_adjust_points(10, "Goodwill: late delivery")

        # The second waits for the first; once the first commits, the
        # database asks to start again (serialization failure), which Odoo
        # does for every RPC call (odoo.service.model.retrying): the retry
        # applies it on the balance the first left.
        def adjust(env):
            try:
                with env.cr.savepoint():
                    card_2._crm_adjust_points(25, "Goodwill: bruised pears")
            except psycopg2.errors.SerializationFailure:
                env.cr.rollback()
                env.invalidate_all()
                card_2._crm_adjust_points(25, "Goodwill: bruised pears")
                return "retried"
            return "first try"

        self.assertEqual(self._run_blocked(manager_1, manager_2, adjust), "retried")
        self.assertEqual(
            self._state(), (135.0, 135.0, ["adjusted", "adjusted", "adjusted"])
        )
