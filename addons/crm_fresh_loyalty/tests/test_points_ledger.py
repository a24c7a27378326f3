# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from unittest.mock import patch

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.modules.module import load_script
from odoo.tests import freeze_time, tagged
from odoo.tools import file_path, mute_logger

from ..tools import points_flow
from .common import MembershipCase


@tagged("post_install", "-at_install")
class TestPointsLedger(MembershipCase):
    def test_earned_points_get_an_expiration_date(self):
        with freeze_time("2026-03-15"):
            line = self._earn(self.card, 100)
        self.assertEqual(line.crm_move_type, "earned")
        self.assertEqual(line.crm_expiration_date, date(2027, 3, 15))

    def test_no_expiration_without_expiry_months(self):
        self.program.crm_points_expiry_months = 0
        line = self._earn(self.card, 100)
        self.assertFalse(line.crm_expiration_date)

    def test_spending_consumes_the_oldest_expiry_first(self):
        with freeze_time("2026-01-10"):
            first = self._earn(self.card, 100)
        with freeze_time("2026-02-10"):
            second = self._earn(self.card, 50)
        self.card._crm_adjust_points(-120, "Redeemed at the counter")
        self.assertEqual(first.crm_points_remaining, 0.0)
        self.assertEqual(second.crm_points_remaining, 30.0)
        self.assertEqual(self.card.points, 30.0)
        self.assertEqual(self._ledger_balance(self.card), 30.0)

    def test_expiry_takes_only_what_is_left_of_expired_points(self):
        with freeze_time("2025-01-10"):
            self._earn(self.card, 100)
        with freeze_time("2025-06-10"):
            self._earn(self.card, 40)
        self.card._crm_adjust_points(-30, "Redeemed")
        expired_cards = self.env["loyalty.card"]._crm_expire_points(
            today=date(2026, 2, 1)
        )
        self.assertEqual(expired_cards, self.card)
        expired = self.card.history_ids.filtered(lambda h: h.crm_move_type == "expired")
        self.assertEqual(expired.used, 70.0)
        self.assertEqual(self.card.points, 40.0)
        self.assertEqual(self._ledger_balance(self.card), 40.0)

    def test_expiry_run_twice_expires_once(self):
        with freeze_time("2025-01-10"):
            self._earn(self.card, 100)
        self.env["loyalty.card"]._crm_expire_points(today=date(2026, 2, 1))
        self.assertFalse(
            self.env["loyalty.card"]._crm_expire_points(today=date(2026, 2, 1))
        )
        self.assertEqual(self.card.points, 0.0)
        self.assertEqual(
            len(self.card.history_ids.filtered(lambda h: h.crm_move_type == "expired")),
            1,
        )

    def test_expiry_stopped_between_batches_goes_on_next_run(self):
        cards = self.env["loyalty.card"].create(
            [
                {"program_id": self.program.id, "partner_id": self.member.id}
                for _ in range(3)
            ]
        )
        with freeze_time("2025-01-10"):
            for card in cards:
                self._earn(card, 10)
        card_model = self.env["loyalty.card"]
        progress = []
        with patch("odoo.addons.crm_fresh_loyalty.models.loyalty_card.BATCH_SIZE", 2):
            # The cron is out of time after the first batch.
            first_run = card_model._crm_expire_points(
                date(2026, 2, 1),
                progress=lambda done, remaining: progress.append((done, remaining)),
            )
            self.assertEqual(progress, [(2, 1)])
            self.assertEqual(first_run, cards[:2])
            self.assertEqual(cards.mapped("points"), [0.0, 0.0, 10.0])
            self.assertEqual(card_model._crm_expire_points(date(2026, 2, 1)), cards[2])
        self.assertEqual(cards.mapped("points"), [0.0, 0.0, 0.0])

    def test_points_expiring_soon_are_shown(self):
        with freeze_time("2025-12-01"):
            self._earn(self.card, 60)
        with freeze_time("2026-06-01"):
            self._earn(self.card, 25)
        with freeze_time("2026-11-20"):
            self.card.invalidate_recordset(["crm_points_expiring"])
            self.assertEqual(self.card.crm_points_expiring, 60.0)
            self.assertEqual(self.card.crm_next_expiry_date, date(2026, 12, 1))
            self.member.invalidate_recordset()
            self.assertEqual(self.member.crm_points_expiring, 60.0)
            self.assertEqual(self.member.crm_points, 85.0)

    def test_expiry_warning_is_sent_once_per_date(self):
        with freeze_time("2025-12-01"):
            self._earn(self.card, 60)
        card_model = self.env["loyalty.card"]
        with freeze_time("2026-11-20"):
            warned = card_model._crm_notify_expiring_points(today=date(2026, 11, 20))
            again = card_model._crm_notify_expiring_points(today=date(2026, 11, 21))
        self.assertEqual(warned, self.card)
        self.assertFalse(again)
        self.assertEqual(self.card.crm_expiry_notified_on, date(2026, 12, 1))
        mails = self.env["mail.mail"].search(
            [("model", "=", "loyalty.card"), ("res_id", "=", self.card.id)]
        )
        self.assertEqual(len(mails), 1)
        self.assertIn(self.member, mails.recipient_ids)

    def test_order_confirmed_cancelled_reconfirmed_earns_once(self):
        order = self._sell(self.member, 200)
        self.assertEqual(self.card.points, 200.0)
        order._action_cancel()
        self.assertEqual(self.card.points, 0.0)
        order.action_draft()
        order.action_confirm()
        self.assertEqual(self.card.points, 200.0)
        self.assertEqual(
            [
                (line.crm_move_type, line.issued, line.used, line.order_id)
                for line in self.card.history_ids.sorted("id")
            ],
            [
                ("earned", 200.0, 0.0, order.id),
                ("reversed", 0.0, 200.0, order.id),
                ("earned", 200.0, 0.0, order.id),
            ],
        )
        self.assertEqual(self._ledger_balance(self.card), 200.0)

    @mute_logger("odoo.sql_db")
    def test_an_order_cannot_earn_twice_on_a_card(self):
        order = self._sell(self.member, 100)
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            self.env.cr.savepoint(),
        ):
            points_flow(self.env["loyalty.history"]).create(
                {
                    "card_id": self.card.id,
                    "description": "Replayed",
                    "issued": 100,
                    "order_model": "sale.order",
                    "order_id": order.id,
                }
            )
        self.assertEqual(len(self.card.history_ids), 1)


@tagged("post_install", "-at_install")
class TestPointsAdjustment(MembershipCase):
    def _adjust(self, points, reason="Goodwill", user=None):
        wizard = (
            self.env["crm.points.adjust.wizard"]
            .with_user(user or self.care_manager)
            .create({"card_id": self.card.id, "points": points, "reason": reason})
        )
        return wizard.action_apply()

    def test_manager_adds_points_with_a_reason(self):
        self._adjust(50, "Late delivery")
        line = self.card.history_ids
        self.assertEqual(
            (line.crm_move_type, line.issued, line.used, line.description),
            ("adjusted", 50.0, 0.0, "Late delivery"),
        )
        self.assertEqual(self.card.points, 50.0)

    def test_adjustment_never_goes_below_zero(self):
        self._adjust(30)
        with self.assertRaisesRegex(ValidationError, "at most 30"):
            self._adjust(-31)
        self.assertEqual(self.card.points, 30.0)
        self.assertEqual(len(self.card.history_ids), 1)

    def test_adjustment_needs_points_and_a_reason(self):
        with self.assertRaisesRegex(ValidationError, "Points"):
            self._adjust(0)
        with self.assertRaisesRegex(ValidationError, "Reason"):
            self._adjust(10, reason="   ")
        self.assertFalse(self.card.history_ids)
        self.assertEqual(self.card.points, 0.0)

    def test_user_cannot_adjust(self):
        with self.assertRaises(AccessError):
            self._adjust(10, user=self.care_user)
        self.assertEqual(self.card.points, 0.0)

    def test_adjusted_points_expire_like_earned_points(self):
        with freeze_time("2025-01-10"):
            self._adjust(10)
        self.assertEqual(
            self.card.history_ids.crm_expiration_date,
            fields.Date.to_date("2025-01-10") + relativedelta(months=12),
        )


@tagged("post_install", "-at_install")
class TestPointsExpiryCron(MembershipCase):
    def test_cron_expires_every_due_card_in_batches(self):
        cards = self.env["loyalty.card"].create(
            [
                {"program_id": self.program.id, "partner_id": self.member.id}
                for _ in range(3)
            ]
        )
        with freeze_time("2025-01-10"):
            for card in cards:
                self._earn(card, 10)
        committed = []
        with (
            freeze_time("2026-02-01"),
            patch("odoo.addons.crm_fresh_loyalty.models.loyalty_card.BATCH_SIZE", 2),
            patch.object(
                type(self.env["ir.cron"]),
                "_commit_progress",
                lambda _cron, processed, remaining=None: (
                    committed.append((processed, remaining)) or 1.0
                ),
            ),
        ):
            self.env["loyalty.card"]._cron_expire_points()
        self.assertEqual(committed, [(2, 1), (1, 0)])
        self.assertEqual(cards.mapped("points"), [0.0, 0.0, 0.0])


@tagged("post_install", "-at_install")
class TestPointsMovements(MembershipCase):
    """Earning, redeeming and cancelling on an order are movements of their
    own, and the movement filters of the ledger add up to the balance."""

    def _order_redeeming(self, amount):
        order = self._sell(self.member, amount, confirm=False)
        order._update_programs_and_rewards()
        reward = self.program.reward_ids
        order._apply_program_reward(reward, self.card)
        return order

    def _by_movement(self):
        self.env.flush_all()
        History = self.env["loyalty.history"]
        return {
            move_type: History.search(
                [("card_id", "=", self.card.id), ("crm_move_type", "=", move_type)]
            )
            for move_type, _label in History._fields["crm_move_type"].selection
        }

    def _assertFiltersAddUp(self):
        total = sum(
            sum(lines.mapped("issued")) - sum(lines.mapped("used"))
            for lines in self._by_movement().values()
        )
        self.assertEqual(total, self.card.points)

    def test_redemption_is_a_movement_of_its_own(self):
        self._sell(self.member, 150)
        order = self._order_redeeming(200)
        order.action_confirm()
        lines = self._by_movement()
        redeemed = lines["redeemed"]
        self.assertEqual(
            (redeemed.order_id, redeemed.issued, redeemed.used),
            (order.id, 0.0, 100.0),
        )
        earned = lines["earned"].filtered(lambda h: h.order_id == order.id)
        self.assertEqual((earned.issued, earned.used), (200.0, 0.0))
        self.assertEqual(self.card.points, 150.0 - 100.0 + 200.0)
        self._assertFiltersAddUp()

    def test_cancellation_books_reversals_and_keeps_every_line(self):
        self._sell(self.member, 150)
        order = self._order_redeeming(200)
        order.action_confirm()
        booked = self.card.history_ids
        order._action_cancel()
        self.assertEqual(self.card.points, 150.0)
        self.assertLess(booked, self.card.history_ids)
        reversals = self._by_movement()["reversed"]
        self.assertEqual(
            sorted((line.issued, line.used) for line in reversals),
            [(0.0, 200.0), (100.0, 0.0)],
        )
        reversed_orders = set(reversals.crm_reversal_of_id.mapped("order_id"))
        self.assertEqual(reversed_orders, {order.id})
        self._assertFiltersAddUp()

    def test_cancelled_points_are_not_left_to_expire_or_qualify(self):
        with freeze_time("2025-01-10"):
            order = self._sell(self.member, 200)
            order._action_cancel()
        self.assertFalse(
            self.env["loyalty.card"]._crm_expire_points(today=date(2026, 2, 1))
        )
        self.assertEqual(self.card.points, 0.0)
        self.assertFalse(self.card.history_ids.filtered("crm_points_remaining"))


@tagged("post_install", "-at_install")
class TestWholePoints(MembershipCase):
    """Programs count whole points by default: earning rounds down, the tier
    multiplier included, adjustments take whole points, and the upgrade
    rounds existing balances once."""

    def test_order_earns_whole_points_rounded_down(self):
        self._sell(self.member, 105.5)
        self.assertEqual(self.card.points, 105.0)
        self.assertEqual(self.card.history_ids.issued, 105.0)
        self.assertEqual(self.card.points_display, "105 Points")

    def test_tier_multiplier_gives_whole_points(self):
        self.card._crm_set_tier(self.gold, "manual", "Test")
        self._sell(self.member, 100.7)
        self.assertEqual(self.card.points, 201.0)

    def test_rounding_is_a_program_setting(self):
        self.program.crm_points_rounding = 0.01
        self._sell(self.member, 105.5)
        self.assertEqual(self.card.points, 105.5)

    def test_adjustment_takes_whole_points(self):
        with self.assertRaisesRegex(ValidationError, "steps of 1.0; enter 10.0"):
            self.card._crm_adjust_points(10.4, "Goodwill")
        self.assertFalse(self.card.history_ids)

    def test_upgrade_rounds_existing_balances_on_the_ledger(self):
        # A balance earned with fractions before the upgrade.
        self._earn(self.card, 6880.0549999999985)
        self.env.flush_all()
        migration = load_script(
            file_path("crm_fresh_loyalty/migrations/19.0.1.3.0/post-migrate.py"),
            "crm_fresh_loyalty_whole_points",
        )
        migration.migrate(self.env.cr, "19.0.1.2.0")
        self.env.invalidate_all()
        self.assertEqual(self.card.points, 6880.0)
        rounding = self.card.history_ids.filtered(
            lambda h: h.crm_move_type == "adjusted"
        )
        self.assertAlmostEqual(rounding.used, 0.055, places=6)
        self.assertAlmostEqual(self._ledger_balance(self.card), 6880.0, places=6)
