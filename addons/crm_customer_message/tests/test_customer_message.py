# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import hmac
import json
import threading
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from odoo.addons.sms.models.sms_sms import SmsSms

from .common import MAIL, SMS, CustomerMessageCase

NOW = datetime(2027, 3, 17, 9, 0)


class WebhookHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((dict(self.headers), body))
        self.send_response(self.server.status)
        self.end_headers()

    def log_message(self, *args):
        """Keep the test log clean."""


@tagged("post_install", "-at_install")
class TestCustomerMessage(CustomerMessageCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = HTTPServer(("127.0.0.1", 0), WebhookHandler)
        cls.server.received = []
        cls.server.status = 200
        thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        thread.start()
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)
        url = f"http://127.0.0.1:{cls.server.server_address[1]}/push"
        cls.wechat = cls.env["crm.message.provider"].create(
            {
                "name": "WeChat gateway",
                "channel": "wechat",
                "webhook_url": url,
                "webhook_secret": "s3cret",
                "webhook_timeout": 10,
            }
        )
        cls.app_push = cls.env["crm.message.provider"].create(
            {"name": "App gateway", "channel": "app_push", "webhook_url": url}
        )
        cls.company.write({"crm_message_daily_cap": 3, "crm_message_max_attempts": 3})
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Zhang Wei",
                "email": "zhang.wei@example.com",
                "phone": "+86 138 0013 8000",
                "crm_wechat_openid": "oWx-zhangwei",
                "crm_preferred_channel": "email",
                "user_id": cls.care_user.id,
            }
        )

    def setUp(self):
        super().setUp()
        self.server.received.clear()
        self.server.status = 200
        self.sms_send = self.startPatcher(patch.object(SmsSms, "send", autospec=True))

    def _notify(self, event="greeting:2027", kind="marketing", partner=None):
        return (partner or self.customer)._crm_notify(event, MAIL, SMS, kind=kind)

    def _mails(self):
        return self.env["mail.mail"].search(
            [("model", "=", "res.partner"), ("res_id", "=", self.customer.id)]
        )

    def _sms(self):
        return self.env["sms.sms"].search([("partner_id", "=", self.customer.id)])

    def _received(self):
        return [json.loads(body) for _headers, body in self.server.received]

    # Channels

    def test_email_channel(self):
        message = self._notify()
        self.assertEqual((message.state, message.channel), ("sent", "email"))
        self.assertEqual(self._mails().recipient_ids, self.customer)
        self.assertIn("Happy birthday", self._mails().subject)
        self.assertFalse(self._sms())

    def test_sms_channel(self):
        self.customer.crm_preferred_channel = "sms"
        message = self._notify()
        self.assertEqual((message.state, message.channel), ("sent", "sms"))
        self.assertIn("happy birthday, Zhang Wei!", self._sms().body)
        self.assertFalse(self._mails())

    def test_wechat_channel_posts_signed_json_to_webhook(self):
        self.customer.crm_preferred_channel = "wechat"
        message = self._notify()
        self.assertEqual((message.state, message.channel), ("sent", "wechat"))
        self.assertEqual(message.provider_id, self.wechat)
        [(headers, body)] = self.server.received
        payload = json.loads(body)
        self.assertEqual(
            {key: payload[key] for key in ("channel", "recipient_id", "openid")},
            {
                "channel": "wechat",
                "recipient_id": self.customer.id,
                "openid": "oWx-zhangwei",
            },
        )
        self.assertEqual(payload["message_id"], message.id)
        self.assertEqual(payload["phone"], self.customer.phone_sanitized)
        self.assertIn("Happy birthday", payload["subject"])
        self.assertIn("happy birthday, Zhang Wei!", payload["body"])
        expected = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
        self.assertEqual(headers["X-CRM-Signature"], expected)
        self.assertFalse(self._mails())

    def test_app_push_channel_posts_json_unsigned(self):
        self.customer.crm_preferred_channel = "app_push"
        message = self._notify()
        self.assertEqual((message.state, message.channel), ("sent", "app_push"))
        [(headers, _body)] = self.server.received
        self.assertEqual(self._received()[0]["channel"], "app_push")
        self.assertEqual(self._received()[0]["recipient_id"], self.customer.id)
        self.assertNotIn("X-CRM-Signature", headers)

    # Fallback

    def test_phone_preference_falls_back_to_email(self):
        self.customer.crm_preferred_channel = "phone"
        self.assertEqual(self._notify().channel, "email")

    def test_push_without_provider_falls_back_to_email(self):
        self.customer.crm_preferred_channel = "app_push"
        self.app_push.active = False
        self.assertEqual(self._notify().channel, "email")
        self.assertFalse(self.server.received)

    def test_email_unreachable_falls_back_to_sms(self):
        self.customer.write({"crm_preferred_channel": "phone", "email": False})
        self.assertEqual(self._notify().channel, "sms")
        self.assertEqual(len(self._sms()), 1)

    # Opt-outs

    def test_blacklisted_email_is_not_used(self):
        self.env["mail.blacklist"]._add(self.customer.email)
        self.assertEqual(self._notify().channel, "sms")
        self.assertFalse(self._mails())

    def test_blacklists_do_not_stop_service_messages(self):
        self.env["mail.blacklist"]._add(self.customer.email)
        self.env["phone.blacklist"]._add([self.customer.phone_sanitized])
        message = self._notify(kind="service")
        self.assertEqual((message.state, message.channel), ("sent", "email"))
        self.assertEqual(len(self._mails()), 1)

    def test_opted_out_of_everything_is_not_sent(self):
        self.customer.write(
            {"crm_preferred_channel": "wechat", "crm_opt_out_wechat": True}
        )
        self.env["mail.blacklist"]._add(self.customer.email)
        self.env["phone.blacklist"]._add([self.customer.phone_sanitized])
        message = self._notify()
        self.assertEqual(message.state, "skipped")
        self.assertIn("No channel reaches the customer", message.error)
        self.assertFalse(self.server.received or self._mails() or self._sms())

    def test_wechat_opt_out_uses_email(self):
        self.customer.write(
            {"crm_preferred_channel": "wechat", "crm_opt_out_wechat": True}
        )
        self.assertEqual(self._notify().channel, "email")
        self.assertFalse(self.server.received)

    # Daily cap

    @freeze_time(NOW)
    def test_daily_cap_stops_marketing_messages(self):
        sent = self._notify("a") | self._notify("b") | self._notify("c")
        self.assertEqual(set(sent.mapped("state")), {"sent"})
        capped = self._notify("d")
        self.assertEqual(capped.state, "skipped")
        self.assertIn("Daily message cap", capped.error)
        self.assertEqual(len(self._mails()), 3)

    @freeze_time(NOW)
    def test_daily_cap_spares_service_messages(self):
        self._notify("a") | self._notify("b") | self._notify("c")
        self.assertEqual(self._notify("complaint", kind="service").state, "sent")

    def test_daily_cap_resets_next_day(self):
        with freeze_time(NOW):
            self._notify("a") | self._notify("b") | self._notify("c")
        with freeze_time(NOW + timedelta(days=1)):
            self.assertEqual(self._notify("d").state, "sent")

    def test_daily_cap_counts_a_batch(self):
        self.company.crm_message_daily_cap = 1
        other = self.customer.copy({"name": "Li Na", "email": "li.na@example.com"})
        partners = self.customer | other
        messages = partners._crm_notify("greeting:2027", MAIL, SMS)
        self.assertEqual(messages.mapped("state"), ["sent", "sent"])
        again = partners._crm_notify("promo", MAIL, SMS)
        self.assertEqual(again.mapped("state"), ["skipped", "skipped"])

    def test_daily_cap_counts_the_day_of_the_users_clock(self):
        """At 23:30 UTC it is already tomorrow in Shanghai: the messages sent
        an hour before, on the previous Shanghai day, do not count."""
        env = self.env(context=dict(self.env.context, tz="Asia/Shanghai"))
        customer = self.customer.with_env(env)
        with freeze_time(datetime(2027, 3, 17, 15, 30)):  # 23:30 in Shanghai
            customer._crm_notify("a", MAIL, SMS) | customer._crm_notify("b", MAIL, SMS)
            customer._crm_notify("c", MAIL, SMS)
        with freeze_time(datetime(2027, 3, 17, 16, 30)):  # 00:30 the next day
            self.assertEqual(customer._crm_notify("d", MAIL, SMS).state, "sent")
        with freeze_time(datetime(2027, 3, 17, 17, 30)):
            customer._crm_notify("e", MAIL, SMS) | customer._crm_notify("f", MAIL, SMS)
            self.assertEqual(customer._crm_notify("g", MAIL, SMS).state, "skipped")

    # Quiet hours

    def test_quiet_hours_hold_marketing_until_they_end(self):
        self.company.write(
            {"crm_message_quiet_start": 21.5, "crm_message_quiet_end": 8.0}
        )
        self.customer.tz = "Asia/Shanghai"
        with freeze_time(datetime(2027, 3, 17, 13, 45)):  # 21:45 in Shanghai
            held = self._notify("a")
            service = self._notify("complaint", kind="service")
        self.assertEqual(
            (held.state, held.next_attempt_date),
            ("queued", datetime(2027, 3, 18, 0, 0)),
        )
        self.assertEqual(service.state, "sent")
        with freeze_time(datetime(2027, 3, 17, 23, 59)):
            self.env["crm.customer.message"]._crm_retry_due()
            self.assertEqual(held.state, "queued")
        with freeze_time(datetime(2027, 3, 18, 0, 0)):
            self.env["crm.customer.message"]._crm_retry_due()
            self.assertEqual(held.state, "sent")

    def test_quiet_hours_within_a_day(self):
        """Quiet from 12:00 to 14:00 (a lunch break), on the company's clock
        for a customer without a time zone."""
        self.company.write(
            {"crm_message_quiet_start": 12.0, "crm_message_quiet_end": 14.0}
        )
        self.company.partner_id.tz = "Asia/Shanghai"
        self.customer.tz = False
        with freeze_time(datetime(2027, 3, 17, 3, 59)):  # 11:59 in Shanghai
            self.assertEqual(self._notify("a").state, "sent")
        with freeze_time(datetime(2027, 3, 17, 4, 0)):  # 12:00
            held = self._notify("b")
        self.assertEqual(held.next_attempt_date, datetime(2027, 3, 17, 6, 0))

    def test_quiet_hours_are_hours_of_the_day(self):
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.company.crm_message_quiet_start = 24.0
            self.company.flush_recordset()

    # Retry, then report

    @mute_logger("odoo.addons.crm_customer_message.models.crm_customer_message")
    def test_failed_webhook_is_retried_with_backoff(self):
        self.customer.crm_preferred_channel = "wechat"
        self.server.status = 503
        with freeze_time(NOW):
            message = self._notify()
        self.assertEqual((message.state, message.attempts), ("retry", 1))
        self.assertIn("503", message.error)
        self.assertEqual(message.next_attempt_date, NOW + timedelta(minutes=10))
        with freeze_time(NOW + timedelta(minutes=5)):
            self.env["crm.customer.message"]._crm_retry_due()
        self.assertEqual(message.attempts, 1, "Not due yet")
        with freeze_time(NOW + timedelta(minutes=10)):
            self.env["crm.customer.message"]._crm_retry_due()
        self.assertEqual((message.state, message.attempts), ("retry", 2))
        self.assertEqual(message.next_attempt_date, NOW + timedelta(minutes=30))
        self.assertEqual(len(self.server.received), 2)

    @mute_logger("odoo.addons.crm_customer_message.models.crm_customer_message")
    def test_retry_succeeds_when_provider_recovers(self):
        self.customer.crm_preferred_channel = "wechat"
        self.server.status = 500
        with freeze_time(NOW):
            message = self._notify()
        self.server.status = 200
        with freeze_time(NOW + timedelta(minutes=10)):
            self.env["crm.customer.message"]._crm_retry_due()
        self.assertEqual((message.state, message.attempts), ("sent", 2))
        self.assertFalse(message.error)
        self.assertEqual(self._received()[0], self._received()[1])

    @mute_logger("odoo.addons.crm_customer_message.models.crm_customer_message")
    def test_failed_after_last_attempt_is_reported(self):
        self.customer.crm_preferred_channel = "app_push"
        self.server.status = 500
        with freeze_time(NOW):
            message = self._notify()
        for minutes in (10, 30):
            with freeze_time(NOW + timedelta(minutes=minutes)):
                self.env["crm.customer.message"]._crm_retry_due()
        self.assertEqual((message.state, message.attempts), ("failed", 3))
        self.assertFalse(message.next_attempt_date)
        activity = self.customer.activity_ids
        self.assertEqual(activity.user_id, self.care_user)
        self.assertIn("greeting:2027", activity.summary)
        with freeze_time(NOW + timedelta(days=1)):
            self.env["crm.customer.message"]._crm_retry_due()
        self.assertEqual(len(self.server.received), 3, "No attempt after failing")

    # Never twice

    def test_same_event_is_sent_once(self):
        first = self._notify()
        self.assertFalse(self._notify())
        self.assertEqual(
            self.env["crm.customer.message"].search(
                [("partner_id", "=", self.customer.id)]
            ),
            first,
        )
        self.assertEqual(len(self._mails()), 1)

    # Large batches

    def test_large_batch_is_queued_for_the_cron(self):
        others = self.customer.copy({"name": "Li Na", "email": "li.na@example.com"})
        customers = self.customer | others
        with (
            patch(
                "odoo.addons.crm_customer_message.models.crm_customer_message."
                "SEND_NOW_LIMIT",
                1,
            ),
            patch.object(
                type(self.env["ir.cron"]), "_trigger", autospec=True
            ) as trigger,
        ):
            messages = customers._crm_notify("greeting:2027", MAIL, SMS)
        self.assertEqual(set(messages.mapped("state")), {"queued"})
        self.assertEqual(
            trigger.call_args.args[0],
            self.env.ref("crm_customer_message.ir_cron_retry_customer_messages"),
        )
        self.assertFalse(self._mails())
        tried, remaining = self.env["crm.customer.message"]._crm_retry_due()
        self.assertEqual((tried, remaining), (messages, 0))
        self.assertEqual(set(messages.mapped("state")), {"sent"})
        self.assertEqual(len(self._mails()), 1)

    # Configuration

    def test_webhook_url_must_be_http(self):
        with self.assertRaises(ValidationError):
            self.wechat.webhook_url = "ftp://example.com/push"

    def test_messages_visible_on_customer(self):
        message = self._notify()
        self.assertEqual(self.customer.crm_message_count, 1)
        action = self.customer.action_view_crm_messages()
        self.assertEqual(
            self.env["crm.customer.message"].search(action["domain"]), message
        )

    def test_care_user_reads_log_but_not_secret(self):
        self._notify()
        message = (
            self.env["crm.customer.message"]
            .with_user(self.care_user)
            .search([("partner_id", "=", self.customer.id)])
        )
        self.assertEqual(message.channel, "email")
        provider = self.wechat.with_user(self.care_user)
        self.assertFalse("webhook_secret" in provider.fields_get())
