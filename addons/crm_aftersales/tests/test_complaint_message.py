# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common_complaint import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintMessage(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )

    def _messages(self, ticket):
        return self.env["crm.customer.message"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )

    def _mails(self, ticket):
        return self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )

    def test_stage_change_messages_customer(self):
        ticket = self._complaint()
        ticket.stage_id = self.stage_progress
        message = self._messages(ticket)
        self.assertEqual(
            (message.partner_id, message.kind, message.state, message.channel),
            (self.member, "service", "sent", "email"),
        )
        self.assertEqual(message.event, f"complaint_stage:{self.stage_progress.id}")
        mail = self._mails(ticket)
        self.assertEqual(mail.recipient_ids, self.member)
        self.assertIn(self.stage_progress.name, mail.subject)

    def test_same_stage_is_told_once(self):
        ticket = self._complaint()
        ticket.stage_id = self.stage_progress
        ticket.write({"stage_id": self.stage_progress.id})
        self.assertEqual(len(self._messages(ticket)), 1)
        self.assertEqual(len(self._mails(ticket)), 1)

    def test_stage_email_replaced_by_complaint_update(self):
        self.stage_progress.mail_template_id = self.stage_done.mail_template_id
        ticket = self._complaint()
        ticket.stage_id = self.stage_progress
        self.assertEqual(len(self._mails(ticket)), 1)
        self.assertEqual(
            self._messages(ticket).event, f"complaint_stage:{self.stage_progress.id}"
        )

    def test_complaint_update_is_not_capped(self):
        self.env.company.crm_message_daily_cap = 1
        self.member._crm_notify(
            "promo",
            "crm_fresh_loyalty.mail_template_birthday_greeting",
            "crm_fresh_loyalty.sms_template_birthday_greeting",
        )
        ticket = self._complaint()
        ticket.stage_id = self.stage_progress
        self.assertEqual(self._messages(ticket).state, "sent")

    def test_non_complaint_ticket_is_not_messaged(self):
        ticket = self._complaint(type_id=False)
        ticket.stage_id = self.stage_progress
        self.assertFalse(self._messages(ticket))
