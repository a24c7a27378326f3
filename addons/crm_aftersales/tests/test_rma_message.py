# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common_rma import ReturnCase


@tagged("post_install", "-at_install")
class TestRmaMessage(ReturnCase):
    def _messages(self, rma):
        return self.env["crm.customer.message"].search(
            [("res_model", "=", "rma"), ("res_id", "=", rma.id)]
        )

    def test_step_is_logged_as_service_message(self):
        rma = self._create_return(2.0)
        self._confirm_and_receive(rma)
        message = self._messages(rma)
        self.assertEqual(
            (message.partner_id, message.event, message.kind, message.state),
            (self.customer, "rma_received", "service", "sent"),
        )
        self.assertEqual(rma.notification_ids.channel, message.channel)

    def test_step_is_not_capped(self):
        self.env.company.crm_message_daily_cap = 1
        self.customer._crm_notify(
            "promo",
            "crm_fresh_loyalty.mail_template_birthday_greeting",
            "crm_fresh_loyalty.sms_template_birthday_greeting",
        )
        rma = self._create_return(2.0)
        self._confirm_and_receive(rma)
        self.assertEqual(self._messages(rma).state, "sent")

    def test_unreachable_customer_is_not_logged_as_notified(self):
        self.customer.write({"email": False, "phone": False})
        rma = self._create_return(2.0)
        self._confirm_and_receive(rma)
        self.assertEqual(self._messages(rma).state, "skipped")
        self.assertFalse(rma.notification_ids)
