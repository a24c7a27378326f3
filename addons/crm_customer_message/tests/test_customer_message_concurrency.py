# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The same customer message queued by two real transactions at once."""

import psycopg2.errors

from odoo import api
from odoo.tests.common import tagged
from odoo.tools import mute_logger

from .common import MAIL, SMS, load_test_templates
from .common_concurrency import ConcurrencyCase


@tagged("post_install", "-at_install")
class TestCustomerMessageConcurrency(ConcurrencyCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            load_test_templates(env)
            partner = env["res.partner"].create(
                {"name": "Concurrent Customer", "email": "concurrent@example.com"}
            )
            self.partner_id = partner.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            partner = env["res.partner"].browse(self.partner_id)
            env["mail.mail"].search(
                [("model", "=", "res.partner"), ("res_id", "=", partner.id)]
            ).unlink()
            partner.message_ids.unlink()
            partner.unlink()
            env.ref(MAIL).unlink()
            env.ref(SMS).unlink()

    def _notify(self, env):
        return (
            env["res.partner"]
            .browse(self.partner_id)
            ._crm_notify("greeting:2027", MAIL, SMS)
        )

    @mute_logger("odoo.sql_db")
    def test_same_event_from_two_transactions_is_sent_once(self):
        first, second = self._transaction(), self._transaction()
        self.assertEqual(self._notify(first).state, "sent")  # not committed yet

        # The second insert waits on the unique index for the first, and fails
        # once it is committed (Odoo retries such requests).
        outcome = self._run_blocked(
            first, second, self._notify, psycopg2.errors.SerializationFailure
        )
        self.assertIsInstance(outcome, psycopg2.errors.SerializationFailure)
        retry = self._transaction()
        self.assertFalse(self._notify(retry), "The retry finds it sent")
        retry.cr.commit()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.assertEqual(
                env["crm.customer.message"].search_count(
                    [("partner_id", "=", self.partner_id)]
                ),
                1,
            )
            self.assertEqual(
                env["mail.mail"].search_count(
                    [("model", "=", "res.partner"), ("res_id", "=", self.partner_id)]
                ),
                1,
            )
