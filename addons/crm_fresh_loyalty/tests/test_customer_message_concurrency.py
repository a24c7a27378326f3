# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The same customer message queued by two real transactions at once."""

from concurrent.futures import ThreadPoolExecutor

import psycopg2.errors

from odoo import api
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

MAIL = "crm_fresh_loyalty.mail_template_birthday_greeting"
SMS = "crm_fresh_loyalty.sms_template_birthday_greeting"


@tagged("post_install", "-at_install")
class TestCustomerMessageConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
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

    def _transaction(self):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        return api.Environment(cr, api.SUPERUSER_ID, {})

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

        def notify_second():
            try:
                sent = self._notify(second)
            except psycopg2.errors.SerializationFailure as error:
                second.cr.rollback()
                return error
            second.cr.commit()
            return sent

        with ThreadPoolExecutor(max_workers=1) as executor:
            future = executor.submit(notify_second)
            # The second insert waits on the unique index for the first...
            with self.assertRaises(TimeoutError):
                future.result(timeout=1)
            first.cr.commit()
            # ...and fails once it is committed (Odoo retries such requests).
            outcome = future.result(timeout=30)
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
