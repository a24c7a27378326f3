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
    crm_message_quiet_start = fields.Float(
        string="Quiet Hours From",
        default=0.0,
        help="Marketing messages due from this hour (the customer's time) "
        "wait until the quiet hours end. The same hour for both ends: no "
        "quiet hours.",
    )
    crm_message_quiet_end = fields.Float(
        string="Quiet Hours Until",
        default=0.0,
        help="Marketing messages held in the quiet hours are sent from this "
        "hour (the customer's time).",
    )

    _crm_message_daily_cap_positive = models.Constraint(
        "CHECK(crm_message_daily_cap >= 0)",
        "The daily message cap cannot be negative.",
    )
    _crm_message_max_attempts_positive = models.Constraint(
        "CHECK(crm_message_max_attempts > 0)",
        "Messages need at least one send attempt.",
    )
    _crm_message_quiet_hours_range = models.Constraint(
        "CHECK(crm_message_quiet_start >= 0 AND crm_message_quiet_start < 24 "
        "AND crm_message_quiet_end >= 0 AND crm_message_quiet_end < 24)",
        "Quiet hours run from and until an hour of the day, from 00:00 to 23:59.",
    )
