# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged
from odoo.tools import format_datetime

from .common_complaint import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintMessage(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )

    def _messages(self, ticket, event_like="%"):
        return self.env["crm.customer.message"].search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                ("event", "=like", event_like),
            ]
        )

    def _stage_messages(self, ticket):
        return self._messages(ticket, "complaint_stage:%")

    def _mails(self, ticket):
        return self.env["mail.mail"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )

    def test_stage_change_messages_customer(self):
        ticket = self._complaint()
        acknowledgement_mail = self._mails(ticket)
        ticket.stage_id = self.stage_progress
        message = self._stage_messages(ticket)
        self.assertEqual(
            (message.partner_id, message.kind, message.state, message.channel),
            (self.member, "service", "sent", "email"),
        )
        self.assertEqual(message.event, f"complaint_stage:{self.stage_progress.id}")
        mail = self._mails(ticket) - acknowledgement_mail
        self.assertEqual(mail.recipient_ids, self.member)
        self.assertIn(self.stage_progress.name, mail.subject)

    def test_same_stage_is_told_once(self):
        ticket = self._complaint()
        acknowledgement_mail = self._mails(ticket)
        ticket.stage_id = self.stage_progress
        ticket.write({"stage_id": self.stage_progress.id})
        self.assertEqual(len(self._stage_messages(ticket)), 1)
        self.assertEqual(len(self._mails(ticket) - acknowledgement_mail), 1)

    def test_stage_email_replaced_by_complaint_update(self):
        self.stage_progress.mail_template_id = self.stage_done.mail_template_id
        ticket = self._complaint()
        acknowledgement_mail = self._mails(ticket)
        ticket.stage_id = self.stage_progress
        self.assertEqual(len(self._mails(ticket) - acknowledgement_mail), 1)
        self.assertEqual(
            self._stage_messages(ticket).event,
            f"complaint_stage:{self.stage_progress.id}",
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
        self.assertEqual(self._stage_messages(ticket).state, "sent")

    def test_non_complaint_ticket_is_not_messaged(self):
        ticket = self._complaint(type_id=False)
        ticket.stage_id = self.stage_progress
        self.assertFalse(self._messages(ticket))

    def test_back_office_complaint_is_acknowledged_once(self):
        self.member.tz = "Asia/Shanghai"
        ticket_form = Form(self.Ticket.with_user(self.agent_1))
        ticket_form.name = "苹果发霉了"
        ticket_form.description = "<p>收到的苹果发霉了</p>"
        ticket_form.type_id = self.complaint_type
        ticket_form.partner_id = self.member
        ticket = ticket_form.save()
        mail = self._mails(ticket)
        ticket.stage_id = self.stage_progress  # no second acknowledgement
        message = self._messages(ticket, "complaint_received")
        self.assertEqual(
            (len(message), message.partner_id, message.state, message.channel),
            (1, self.member, "sent", "email"),
        )
        self.assertEqual(mail.recipient_ids, self.member)
        self.assertIn(ticket.number, mail.subject)
        self.assertIn(
            format_datetime(
                self.env,
                ticket.crm_response_deadline,
                tz="Asia/Shanghai",
                dt_format="short",
            ),
            mail.body_html,
        )

    def test_praise_is_not_acknowledged(self):
        ticket = self._complaint("表扬", "<p>谢谢你们，草莓很甜，送货也快，好评！</p>")
        self.assertEqual(ticket.crm_classification, "not_complaint")
        self.assertFalse(self._messages(ticket))
        self.assertFalse(self._mails(ticket))

    def test_emailed_complaint_is_acknowledged(self):
        self.member.email = "li.na.mouldy.apples@example.com"
        raw = (
            f"From: {self.member.email}\r\nTo: complaints@example.com\r\n"
            "Subject: Mouldy apples\r\nMessage-ID: <mouldy-apples@example.com>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            "Half of the apples were mouldy.\r\n"
        )
        ticket_id = self.env["mail.thread"].message_process(
            "helpdesk.ticket", raw, custom_values={"type_id": self.complaint_type.id}
        )
        ticket = self.Ticket.browse(ticket_id)
        self.assertEqual(ticket.partner_id, self.member)
        self.assertEqual(self._messages(ticket).mapped("event"), ["complaint_received"])

    def _email(self, subject, body):
        self.member.email = "li.na.mouldy.apples@example.com"
        raw = (
            f"From: {self.member.email}\r\nTo: complaints@example.com\r\n"
            f"Subject: {subject}\r\nMessage-ID: <{hash(subject)}@example.com>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            f"{body}\r\n"
        )
        return self.Ticket.browse(
            self.env["mail.thread"].message_process("helpdesk.ticket", raw.encode())
        )

    def test_emailed_complaint_without_type_is_acknowledged(self):
        """An email without a type is a complaint unless the classifier says
        it is not one (the company's default setting)."""
        ticket = self._email("草莓不新鲜", "收到的草莓发霉了")
        self.assertEqual(ticket.type_id, self.complaint_type)
        self.assertEqual(self._messages(ticket).mapped("event"), ["complaint_received"])

    def test_emailed_praise_without_type_stays_an_ordinary_ticket(self):
        ticket = self._email("表扬", "谢谢你们，草莓很甜，送货也快，好评！")
        self.assertEqual(
            (ticket.type_id, ticket.crm_is_complaint),
            (self.complaint_type.browse(), False),
        )
        self.assertFalse(self._messages(ticket))
