# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two real transactions at once on a return, on real cursors of the test
database (the pattern of crm_fresh_loyalty's test_points_concurrency): the
data is committed in setUp and removed in a cleanup."""

import psycopg2.errors

from odoo import api
from odoo.exceptions import LockError
from odoo.tests.common import tagged
from odoo.tools import mute_logger

from odoo.addons.crm_customer_message.tests.common_concurrency import ConcurrencyCase


@tagged("post_install", "-at_install")
class TestRmaConcurrency(ConcurrencyCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            partner = env["res.partner"].create(
                {"name": "Concurrent Customer", "email": "concurrent@example.com"}
            )
            product = env["product.product"].create(
                {"name": "Concurrency cherries", "type": "consu", "list_price": 5.0}
            )
            # Refunded at once: no reception, no inspection, no photos.
            operation = env["rma.operation"].create(
                {
                    "name": "Concurrency refund at once",
                    "action_create_receipt": False,
                    "action_create_delivery": False,
                    "action_create_refund": "manual_on_confirm",
                }
            )
            reason = env["rma.reason"].create(
                {"name": "Concurrency change of mind", "inspection_required": False}
            )
            rma = env["rma"].create(
                {
                    "partner_id": partner.id,
                    "product_id": product.id,
                    "product_uom_qty": 2.0,
                    "operation_id": operation.id,
                    "reason_id": reason.id,
                }
            )
            rma.action_confirm()
            self.ids = {
                "partner": partner.id,
                "product": product.id,
                "operation": operation.id,
                "reason": reason.id,
                "rma": rma.id,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            rma = env["rma"].browse(self.ids["rma"])
            refunds = env["account.move"].search(
                [("partner_id", "=", self.ids["partner"])]
            )
            refunds.unlink()
            rma.state = "draft"
            rma.unlink()
            env["rma.operation"].browse(self.ids["operation"]).unlink()
            env["rma.reason"].browse(self.ids["reason"]).unlink()
            env["product.product"].browse(self.ids["product"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _committed(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            rma = env["rma"].browse(self.ids["rma"])
            refunds = env["account.move"].search(
                [("partner_id", "=", self.ids["partner"])]
            )
            return len(refunds), rma.notification_ids.mapped("step")

    @mute_logger("odoo.sql_db")
    def test_refund_at_once_from_two_transactions_refunds_once(self):
        first, second = self._transaction(), self._transaction()
        first["rma"].browse(self.ids["rma"]).action_refund()  # not committed yet
        with self.assertRaises(LockError):
            second["rma"].browse(self.ids["rma"]).action_refund()
        second.cr.rollback()
        first.cr.commit()
        # The second user retries: the return is refunded already.
        second["rma"].browse(self.ids["rma"]).action_refund()
        second.cr.commit()
        self.assertEqual(self._committed(), (1, ["refunded"]))

    @mute_logger("odoo.sql_db")
    def test_same_step_notified_at_once_is_sent_once(self):
        first, second = self._transaction(), self._transaction()
        sent_first = first["rma"].browse(self.ids["rma"])._notify_customer("approved")
        self.assertEqual(sent_first.ids, [self.ids["rma"]])

        # The second notification waits for the first transaction, and fails
        # once it is committed (Odoo retries such requests).
        error = self._run_blocked(
            first,
            second,
            lambda env: env["rma"].browse(self.ids["rma"])._notify_customer("approved"),
            psycopg2.errors.SerializationFailure,
        )
        self.assertIsInstance(error, psycopg2.errors.SerializationFailure)
        # The retry finds the step notified already and sends nothing.
        retry = self._transaction()
        self.assertFalse(
            retry["rma"].browse(self.ids["rma"])._notify_customer("approved")
        )
        retry.cr.commit()
        self.assertEqual(self._committed(), (0, ["approved"]))
