# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import HttpCase, new_test_user, tagged

PHONE = "13812345678"
EMAIL = "zhang.wei@example.com"


@tagged("post_install", "-at_install")
class TestPrivacyChatter(HttpCase):
    """The chatter as the web client loads it: the customer's email in the
    messages (sender, incoming recipients, their contact details in the text
    of messages on their record), the followers and the suggested
    recipients is masked for an internal user outside the groups seeing
    personal data, and clear for the officer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.masked_user = new_test_user(
            cls.env, login="chatter_masked", groups="base.group_user"
        )
        cls.officer = new_test_user(
            cls.env,
            login="chatter_dpo",
            groups="crm_customer_privacy.group_data_protection_officer",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Zhang Wei", "phone": PHONE, "email": EMAIL}
        )
        cls.shop = cls.env["res.partner"].create(
            {"name": "Nanjing Road Shop", "is_company": True}
        )
        cls.shop.message_subscribe(partner_ids=cls.customer.ids)
        message = cls.shop.message_post(
            body="Are the lychees in?",
            author_id=cls.customer.id,
            email_from=f'"Zhang Wei" <{EMAIL}>',
            message_type="email",
            subtype_xmlid="mail.mt_comment",
        )
        message.write({"incoming_email_to": EMAIL, "incoming_email_cc": EMAIL})
        cls.customer.message_post(body=f"Called back on {PHONE}")

    def _chatter(self, user):
        """The JSON the web client receives when it opens the shop's
        chatter: messages, followers and suggested recipients."""
        self.authenticate(user.login, user.login)
        thread = {"thread_model": "res.partner", "thread_id": self.shop.id}
        messages = self.make_jsonrpc_request("/mail/thread/messages", thread)
        customer_messages = self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": "res.partner", "thread_id": self.customer.id},
        )
        data = self.make_jsonrpc_request(
            "/mail/data",
            {
                "fetch_params": [
                    [
                        "mail.thread",
                        {
                            **thread,
                            "request_list": ["followers", "suggestedRecipients"],
                        },
                    ]
                ]
            },
        )
        recipients = self.make_jsonrpc_request("/mail/thread/recipients", thread)
        return json.dumps([messages, customer_messages, data, recipients])

    def test_chatter_masked_for_internal_user(self):
        text = self._chatter(self.masked_user)
        self.assertNotIn(EMAIL, text)
        self.assertIn("z***@example.com", text)
        # the customer's phone in the text of a message on their record
        self.assertNotIn(PHONE, text)
        self.assertIn("138****5678", text)

    def test_chatter_clear_for_officer(self):
        text = self._chatter(self.officer)
        self.assertIn(EMAIL, text)
        self.assertIn(PHONE, text)
        self.assertNotIn("z***@example.com", text)
