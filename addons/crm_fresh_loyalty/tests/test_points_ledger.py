# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from unittest.mock import patch

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

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

    def test_balance_written_without_ledger_line_is_reconciled(self):
        card = self.env["loyalty.card"].create(
            {"program_id": self.program.id, "partner_id": self.member.id, "points": 35}
        )
        self.assertFalse(card.history_ids)
        self.env.cr.precommit.run()
        self.assertEqual(card.history_ids.crm_move_type, "adjusted")
        self.assertEqual(card.history_ids.issued, 35.0)
        self.assertEqual(self._ledger_balance(card), card.points)

    def test_history_written_after_balance_is_not_doubled(self):
        # Odoo's coupon generation writes the balance, then the history line.
        wizard = self.env["loyalty.generate.wizard"].create(
            {
                "program_id": self.program.id,
                "coupon_qty": 1,
                "points_granted": 20,
            }
        )
        card = wizard.generate_coupons()
        self.env.cr.precommit.run()
        self.assertEqual(len(card.history_ids), 1)
        self.assertEqual(self._ledger_balance(card), 20.0)

    def test_order_confirmed_cancelled_reconfirmed_earns_once(self):
        order = self._sell(self.member, 200)
        self.assertEqual(self.card.points, 200.0)
        order._action_cancel()
        self.assertEqual(self.card.points, 0.0)
        order.action_draft()
        order.action_confirm()
        self.assertEqual(self.card.points, 200.0)
        lines = self.card.history_ids
        self.assertEqual(len(lines), 1)
        self.assertEqual(
            (lines.crm_move_type, lines.issued, lines.order_id),
            ("earned", 200.0, order.id),
        )

    @mute_logger("odoo.sql_db")
    def test_an_order_cannot_earn_twice_on_a_card(self):
        order = self._sell(self.member, 100)
        with (
            self.assertRaises(psycopg2.errors.UniqueViolation),
            self.env.cr.savepoint(),
        ):
            self.env["loyalty.history"].create(
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
