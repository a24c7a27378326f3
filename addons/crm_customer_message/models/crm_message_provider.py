# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import hmac
import json
from urllib.parse import urlsplit

import requests

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


def _is_web_address(url):
    """Whether ``url`` is an http(s) address with a host and a valid port,
    without spaces or control characters."""
    if any(char.isspace() or not char.isprintable() for char in url):
        return False
    try:
        parts = urlsplit(url)
        port_ok = parts.port != 0
    except ValueError:  # an unclosed IPv6 bracket, a port out of range
        return False
    return (
        port_ok and parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    )


PUSH_CHANNELS = [("wechat", "WeChat"), ("app_push", "App push")]
SIGNATURE_HEADER = "X-CRM-Signature"


class CrmMessageProvider(models.Model):
    """A gateway that delivers WeChat or app push messages.

    The provider interface is ``_send_message(message, payload)``: it
    delivers one message or raises. Each ``provider_type`` implements it in
    ``_send_message_<provider_type>``, the way payment providers implement
    their ``code``; other addons add a type with ``selection_add`` and its
    method. The built-in type posts the JSON payload to a webhook.
    """

    _name = "crm.message.provider"
    _description = "Customer Message Provider"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    channel = fields.Selection(PUSH_CHANNELS, required=True)
    provider_type = fields.Selection(
        [("webhook", "Webhook")], string="Type", required=True, default="webhook"
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    webhook_url = fields.Char(
        string="Webhook URL", help="The JSON message is POSTed to this address."
    )
    webhook_secret = fields.Char(
        string="Signing Secret",
        groups="crm_customer_message.group_crm_message_manager",
        help="When set, each request carries the hex HMAC-SHA256 of its body "
        f"with this secret in the {SIGNATURE_HEADER} header.",
    )
    webhook_timeout = fields.Integer(
        string="Timeout (seconds)",
        default=10,
        help="A request without an answer in this time is a failed attempt.",
    )

    _webhook_timeout_positive = models.Constraint(
        "CHECK(webhook_timeout > 0)",
        "The webhook timeout must be at least one second.",
    )

    @api.constrains("provider_type", "webhook_url")
    def _check_webhook_url(self):
        for provider in self.filtered(lambda p: p.provider_type == "webhook"):
            if not _is_web_address(provider.webhook_url or ""):
                raise ValidationError(
                    self.env._(
                        "Webhook URL: give provider %(name)s the address the "
                        "messages are posted to: http:// or https://, a host "
                        "name, and no spaces.",
                        name=provider.name,
                    )
                )

    @api.model
    def _for_channel(self, channel, company):
        """The provider that delivers ``channel`` for ``company``, if any."""
        return self.search(
            [("channel", "=", channel), ("company_id", "in", [company.id, False])],
            order="company_id, sequence, id",
            limit=1,
        )

    def _send_message(self, message, payload):
        """Deliver ``payload`` (a dict) for ``message``; raise on failure."""
        self.ensure_one()
        method = getattr(self, f"_send_message_{self.provider_type}", None)
        if method is None:
            raise UserError(
                self.env._(
                    "Provider %(name)s: the type %(type)s cannot send messages.",
                    name=self.name,
                    type=self.provider_type,
                )
            )
        method(message, payload)

    def _send_message_webhook(self, message, payload):
        body = json.dumps(payload, sort_keys=True).encode()
        headers = {"Content-Type": "application/json"}
        secret = self.sudo().webhook_secret
        if secret:
            headers[SIGNATURE_HEADER] = hmac.new(
                secret.encode(), body, hashlib.sha256
            ).hexdigest()
        response = requests.post(
            self.webhook_url, data=body, headers=headers, timeout=self.webhook_timeout
        )
        response.raise_for_status()
