# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_message_daily_cap = fields.Integer(
        string="Marketing Messages per Day",
        default=3,
        help="A customer gets at most this many marketing messages (birthday "
        "greetings, tier upgrades, points expiry notices) a day; the others are "
        "not sent. Service messages (returns, complaints) are not capped. "
        "0: no cap.",
    )
    crm_message_max_attempts = fields.Integer(
        string="Message Send Attempts",
        default=4,
        help="A message that fails this many times is marked failed and the "
        "customer's account manager gets a to-do.",
    )

    _crm_message_daily_cap_positive = models.Constraint(
        "CHECK(crm_message_daily_cap >= 0)",
        "The daily message cap cannot be negative.",
    )
    _crm_message_max_attempts_positive = models.Constraint(
        "CHECK(crm_message_max_attempts > 0)",
        "Messages need at least one send attempt.",
    )
