# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from .crm_message_provider import PUSH_CHANNELS
from .res_partner import CONTACT_CHANNELS

_logger = logging.getLogger(__name__)

# Messages sent per run of the retry cron: each is a call to a provider, so
# fewer than the records of a set-wise batch (BATCH_SIZE of crm_fresh_loyalty).
SEND_BATCH_SIZE = 200
# More messages than this from one event (a tier evaluation upgrading
# thousands of members) are left queued for the message cron, which sends
# them in batches, committing each: the evaluation does not wait for them.
SEND_NOW_LIMIT = 100
# Fallback after the preferred channel, in this order.
FALLBACK_CHANNELS = ["email", "sms"]
# First retry after this many minutes, then twice as long each time.
RETRY_BASE_MINUTES = 10
MESSAGE_KINDS = [("marketing", "Marketing"), ("service", "Service")]
MESSAGE_STATES = [
    ("queued", "Queued"),
    ("retry", "To Retry"),
    ("sent", "Sent"),
    ("failed", "Failed"),
    ("skipped", "Not Sent"),
]


class CrmCustomerMessage(models.Model):
    """One message to one customer about one event of one record.

    The unique (record, event) index makes sending the same message twice
    impossible, even from two transactions at once: only the transaction
    that inserts the row sends it.
    """

    _name = "crm.customer.message"
    _description = "Customer Message"
    _order = "id desc"
    _rec_name = "event"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        readonly=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one("res.company", index=True, readonly=True)
    res_model = fields.Char(string="Document Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", required=True, readonly=True
    )
    event = fields.Char(required=True, readonly=True)
    kind = fields.Selection(
        MESSAGE_KINDS,
        required=True,
        readonly=True,
        help="Marketing messages count towards the customer's daily cap; "
        "service messages (returns, complaints) do not.",
    )
    mail_template_id = fields.Many2one("mail.template", readonly=True)
    sms_template_id = fields.Many2one("sms.template", readonly=True)
    channel = fields.Selection(CONTACT_CHANNELS, readonly=True)
    provider_id = fields.Many2one("crm.message.provider", readonly=True)
    state = fields.Selection(MESSAGE_STATES, required=True, readonly=True, index=True)
    attempts = fields.Integer(readonly=True)
    next_attempt_date = fields.Datetime(readonly=True, index=True)
    sent_date = fields.Datetime(readonly=True)
    error = fields.Text(readonly=True)

    _record_event_uniq = models.UniqueIndex(
        "(res_model, res_id, event)",
        "This message was already sent for this record.",
    )

    @api.depends("res_model", "res_id")
    def _compute_display_name(self):
        for message in self:
            message.display_name = f"{message.event} ({message.partner_id.name})"

    # ------------------------------------------------------------------
    # Queueing
    # ------------------------------------------------------------------

    @api.model
    def _queue(self, vals_list):
        """Insert the messages not logged yet and return them.

        ON CONFLICT on the unique index: of two transactions queueing the
        same (record, event), only the one that inserts the row gets it back.
        """
        if not vals_list:
            return self.browse()
        now = fields.Datetime.now()
        rows = self.env.execute_query(
            SQL(
                """
                INSERT INTO crm_customer_message
                       (partner_id, company_id, res_model, res_id, event, kind,
                        mail_template_id, sms_template_id, state, attempts,
                        create_uid, write_uid, create_date, write_date)
                VALUES %s
                ON CONFLICT (res_model, res_id, event) DO NOTHING
                RETURNING id
                """,
                SQL(", ").join(
                    SQL(
                        "(%s, %s, %s, %s, %s, %s, %s, %s, 'queued', 0, %s, %s, %s, %s)",
                        vals["partner_id"],
                        vals["company_id"] or None,
                        vals["res_model"],
                        vals["res_id"],
                        vals["event"],
                        vals["kind"],
                        vals["mail_template_id"] or None,
                        vals["sms_template_id"] or None,
                        self.env.uid,
                        self.env.uid,
                        now,
                        now,
                    )
                    for vals in vals_list
                ),
            )
        )
        return self.browse(sorted(row[0] for row in rows))

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    def _send(self):
        """Send each message on the first channel that can reach its customer.

        The customer's preferred channel first, then email, then SMS. A
        marketing message in the company's quiet hours (in the customer's
        time zone) stays queued until they end; one over the daily cap, or a
        customer no channel reaches (opted out, no address), is not sent and
        says why.
        """
        deferred = self.browse()
        for message in self:
            quiet_until = message._quiet_until()
            if quiet_until:
                message.next_attempt_date = quiet_until
                deferred |= message
        over_cap = (self - deferred)._over_daily_cap()
        over_cap.write(
            {
                "state": "skipped",
                "error": self.env._("Daily message cap of the customer reached."),
            }
        )
        for message in self - deferred - over_cap:
            message._send_one()

    def _quiet_until(self):
        """When the quiet hours this marketing message falls in end (naive
        UTC), or ``False`` outside them: the company's quiet hours, on the
        customer's clock (their time zone, else the company's, else UTC)."""
        self.ensure_one()
        company = self._company()
        start, end = company.crm_message_quiet_start, company.crm_message_quiet_end
        if self.kind != "marketing" or start == end:
            return False
        tz = pytz.timezone(self.partner_id.tz or company.partner_id.tz or "UTC")
        local = pytz.utc.localize(fields.Datetime.now()).astimezone(tz)
        hour = local.hour + local.minute / 60 + local.second / 3600
        if not (start <= hour < end if start < end else hour >= start or hour < end):
            return False
        end_day = local.date() + timedelta(days=0 if hour < end else 1)
        end_hour, end_minute = divmod(round(end * 60), 60)
        end_local = tz.localize(datetime.combine(end_day, time(end_hour, end_minute)))
        return end_local.astimezone(pytz.utc).replace(tzinfo=None)

    def _over_daily_cap(self):
        marketing = self.filtered(
            lambda m: m.kind == "marketing" and m._company().crm_message_daily_cap
        )
        if not marketing:
            return self.browse()
        # Today from midnight on the user's clock, in UTC as sent_date is.
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        start = (
            tz.localize(datetime.combine(fields.Date.context_today(self), time.min))
            .astimezone(pytz.utc)
            .replace(tzinfo=None)
        )
        sent_today = dict(
            self._read_group(
                [
                    ("partner_id", "in", marketing.partner_id.ids),
                    ("kind", "=", "marketing"),
                    ("state", "=", "sent"),
                    ("sent_date", ">=", start),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        over = self.browse()
        for message in marketing:
            count = sent_today.get(message.partner_id, 0)
            if count >= message._company().crm_message_daily_cap:
                over |= message
            else:
                # Messages of this batch count towards the cap too.
                sent_today[message.partner_id] = count + 1
        return over

    def _channels(self):
        """The channels to try, best first: the preferred one, then the
        fallback (email, then SMS)."""
        self.ensure_one()
        preferred = self.partner_id.crm_preferred_channel
        channels = [preferred] if preferred else []
        return channels + [c for c in FALLBACK_CHANNELS if c not in channels]

    def _can_reach(self, channel):
        """Whether ``channel`` can carry this message to its customer, and
        the provider delivering it for the push channels."""
        self.ensure_one()
        partner = self.partner_id
        # As in Odoo, the mail and phone blacklists stop marketing, not the
        # service messages about the customer's own returns and complaints.
        marketing = self.kind == "marketing"
        if channel == "email":
            return bool(
                self.mail_template_id
                and partner.email
                and not (marketing and partner.is_blacklisted)
            ), None
        if channel == "sms":
            return bool(
                self.sms_template_id
                and partner.phone_sanitized
                and not (marketing and partner.phone_sanitized_blacklisted)
            ), None
        if channel in dict(PUSH_CHANNELS):
            if partner[f"crm_opt_out_{channel}"] or (
                channel == "wechat" and not partner.crm_wechat_openid
            ):
                return False, None
            provider = self.env["crm.message.provider"]._for_channel(
                channel, self._company()
            )
            return bool(provider), provider
        return False, None

    def _send_one(self):
        self.ensure_one()
        channel = self.channel
        provider = self.provider_id
        if not channel:
            for candidate in self._channels():
                reachable, provider = self._can_reach(candidate)
                if reachable:
                    channel = candidate
                    break
            else:
                self.write(
                    {
                        "state": "skipped",
                        "error": self.env._(
                            "No channel reaches the customer: no address or "
                            "phone, opted out, or no provider configured."
                        ),
                    }
                )
                return
        self.write(
            {
                "channel": channel,
                "provider_id": provider.id if provider else False,
                "attempts": self.attempts + 1,
            }
        )
        try:
            with self.env.cr.savepoint():
                self._deliver()
        except Exception as error:  # noqa: BLE001 - any failure is retried
            _logger.info("Customer message %s failed: %s", self.id, error)
            self._fail(str(error))
        else:
            self.write(
                {
                    "state": "sent",
                    "sent_date": fields.Datetime.now(),
                    "error": False,
                    "next_attempt_date": False,
                }
            )

    def _company(self):
        """The company whose settings apply: the message's, else the current."""
        return self.company_id or self.env.company

    def _record(self):
        return self.env[self.res_model].browse(self.res_id)

    def _deliver(self):
        record = self._record()
        if self.channel == "email":
            record.with_context(
                mail_notify_force_send=False,
                # The customer may have caused the event (a complaint filed on
                # the portal): as the message's real author they would be
                # left out of its recipients.
                mail_notify_author=True,
            ).message_post_with_source(
                self.mail_template_id,
                message_type="comment",
                # A note: only the template's recipients get it, not the
                # record's followers.
                subtype_xmlid="mail.mt_note",
            )
        elif self.channel == "sms":
            # Queued, like the emails: Odoo's SMS queue sends them, outside
            # the transaction (a module install holds locks IAP would wait on).
            record._message_sms_with_template(
                template=self.sms_template_id,
                partner_ids=self.partner_id.ids,
                put_in_queue=True,
            )
        else:
            self.provider_id._send_message(self, self._payload())

    def _payload(self):
        """The JSON payload of a push message."""
        subject = (
            self.mail_template_id._render_field("subject", [self.res_id])[self.res_id]
            if self.mail_template_id
            else ""
        )
        body = (
            self.sms_template_id._render_field("body", [self.res_id])[self.res_id]
            if self.sms_template_id
            else ""
        )
        return {
            "channel": self.channel,
            "recipient_id": self.partner_id.id,
            "phone": self.partner_id.phone_sanitized or None,
            "openid": self.partner_id.crm_wechat_openid or None,
            "subject": subject,
            "body": body,
            "message_id": self.id,
        }

    def _fail(self, error):
        """Retry later with a growing delay, or give up and report."""
        max_attempts = self._company().crm_message_max_attempts
        if self.attempts < max_attempts:
            delay = RETRY_BASE_MINUTES * 2 ** (self.attempts - 1)
            self.write(
                {
                    "state": "retry",
                    "error": error,
                    "next_attempt_date": fields.Datetime.now()
                    + timedelta(minutes=delay),
                }
            )
            return
        self.write({"state": "failed", "error": error, "next_attempt_date": False})
        self._report_failure()

    def _report_failure(self):
        """Give the customer's account manager a to-do about the failure."""
        partner = self.partner_id
        partner.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Message not delivered: %(event)s", event=self.event),
            note=self.env._(
                "The %(channel)s message failed %(attempts)s times: %(error)s",
                channel=dict(self._fields["channel"]._description_selection(self.env))[
                    self.channel
                ],
                attempts=self.attempts,
                error=self.error,
            ),
            user_id=(partner.user_id or partner.commercial_partner_id.user_id).id
            or self.env.uid,
        )

    def _send_or_queue(self):
        """Send these new messages now, or leave a large batch queued for
        the message cron (triggered at once)."""
        if len(self) > SEND_NOW_LIMIT:
            self.env.ref(
                "crm_customer_message.ir_cron_retry_customer_messages"
            )._trigger()
        else:
            self._send()

    @api.model
    def _crm_retry_due(self, limit=SEND_BATCH_SIZE):
        """Send a batch of the queued messages and of those whose retry is due.

        A message another run holds is left to it: the row lock and the
        state read after it keep two runs from sending a message twice.
        Returns (messages tried, messages still due).
        """
        # A queued message with a date waits for the end of quiet hours.
        now = fields.Datetime.now()
        domain = (
            Domain("state", "=", "queued")
            & (
                Domain("next_attempt_date", "=", False)
                | Domain("next_attempt_date", "<=", now)
            )
        ) | (Domain("state", "=", "retry") & Domain("next_attempt_date", "<=", now))
        messages = self.search(domain, limit=limit, order="next_attempt_date")
        locked = messages.try_lock_for_update()
        locked.invalidate_recordset(["state"])
        due = locked.filtered(lambda m: m.state in ("queued", "retry"))
        due._send()
        return due, self.search_count(domain) - len(messages - locked)

    @api.model
    def _cron_retry(self):
        tried, remaining = self._crm_retry_due()
        self.env["ir.cron"]._commit_progress(len(tried), remaining=remaining)
