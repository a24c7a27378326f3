# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

NOTIFICATION_STEPS = [
    ("received", "Received"),
    ("inspected", "Inspected"),
    ("approved", "Approved"),
    ("refunded", "Refunded"),
    ("replaced", "Replaced"),
]


class RmaNotification(models.Model):
    """One row per return and step the customer was told about.

    The unique index makes telling the customer twice about the same step
    impossible, even from two transactions at once.
    """

    _name = "rma.notification"
    _description = "Return Customer Notification"
    _order = "id desc"

    rma_id = fields.Many2one("rma", required=True, index=True, ondelete="cascade")
    step = fields.Selection(NOTIFICATION_STEPS, required=True)
    channel = fields.Selection(
        [
            ("email", "Email"),
            ("sms", "SMS"),
            ("wechat", "WeChat"),
            ("app_push", "App push"),
        ],
        required=True,
    )
    company_id = fields.Many2one(related="rma_id.company_id", store=True)

    _rma_step_uniq = models.UniqueIndex(
        "(rma_id, step)", "The customer was already notified of this step."
    )
