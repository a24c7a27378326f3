# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_rma import ReturnCase


@tagged("post_install", "-at_install")
class TestRmaReprocessing(ReturnCase):
    def _refunded_return(self):
        rma = self._create_return(2.0)
        self._confirm_and_receive(rma)
        self._inspect(rma)
        rma.action_refund()
        return rma

    def _refunds(self):
        return self.env["account.move"].search(
            [("move_type", "=", "out_refund"), ("partner_id", "=", self.customer.id)]
        )

    def test_refund_twice_makes_one_credit_note(self):
        rma = self._refunded_return()
        rma.action_refund()
        self.assertEqual(self._refunds(), rma.refund_id)

    def test_refund_of_a_reset_return_makes_no_second_credit_note(self):
        rma = self._refunded_return()
        rma.state = "received"
        rma.action_refund()
        self.assertEqual(self._refunds(), rma.refund_id)
        self.assertEqual(self._steps(rma).count("refunded"), 1)

    def test_inspection_is_closed_once(self):
        rma = self._create_return(2.0)
        self._confirm_and_receive(rma)
        self._inspect(rma)
        with self.assertRaises(UserError):
            rma.action_inspection_done()
        self.assertEqual(self._steps(rma).count("inspected"), 1)

    def test_approval_is_given_once(self):
        rma = self._create_return(8.0)
        self._confirm_and_receive(rma)
        self._inspect(rma)
        rma.with_user(self.care_manager).action_approve()
        with self.assertRaises(UserError):
            rma.with_user(self.care_manager).action_approve()
        self.assertEqual(self._steps(rma).count("approved"), 1)

    def test_same_step_is_notified_once(self):
        rma = self._create_return(2.0)
        self._confirm_and_receive(rma)
        messages = rma.message_ids.filtered(
            lambda m: self.customer in m.partner_ids and m.message_type == "comment"
        )
        self.assertEqual(len(messages), 1, "The reception was notified")
        self.assertFalse(rma._notify_customer("received"))
        again = rma.message_ids.filtered(
            lambda m: self.customer in m.partner_ids and m.message_type == "comment"
        )
        self.assertEqual(again, messages)
        self.assertEqual(self._steps(rma), ["received"])

    def test_sms_when_preferred(self):
        self.customer.crm_preferred_channel = "sms"
        rma = self._create_return(2.0)
        self._confirm_and_receive(rma)
        self.assertEqual(rma.notification_ids.channel, "sms")
        sms = self.env["sms.sms"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(len(sms), 1)
        self.assertIn(rma.name, sms.body)
        rma._notify_customer("received")
        self.assertEqual(
            self.env["sms.sms"].search_count([("partner_id", "=", self.customer.id)]),
            1,
        )

    def test_customer_without_contact_is_not_logged(self):
        self.customer.write({"email": False, "phone": False})
        rma = self._create_return(2.0)
        self._confirm_and_receive(rma)
        self.assertFalse(rma.notification_ids)

    def test_notifications_of_another_company_are_hidden(self):
        rma = self._create_return(2.0)
        self._confirm_and_receive(rma)
        other = self.env["res.company"].create({"name": "Fresh North"})
        self.care_user.write({"company_ids": [(4, other.id)], "company_id": other.id})
        notifications = (
            self.env["rma.notification"]
            .with_user(self.care_user)
            .with_context(allowed_company_ids=other.ids)
            .search([("rma_id", "=", rma.id)])
        )
        self.assertFalse(notifications)
        self.assertEqual(
            self.env["rma.notification"]
            .with_user(self.care_user)
            .with_context(allowed_company_ids=self.company.ids)
            .search([("rma_id", "=", rma.id)])
            .step,
            "received",
        )
