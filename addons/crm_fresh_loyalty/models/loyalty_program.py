# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    crm_tier_ids = fields.One2many(
        "crm.membership.tier", "program_id", string="Membership Tiers"
    )
    crm_tier_window_months = fields.Integer(
        string="Tier Window (months)",
        default=12,
        help="Spend and points earned over this many months, up to today, "
        "qualify for a tier.",
    )
    crm_points_expiry_months = fields.Integer(
        string="Points Expire After (months)",
        help="Points expire this many months after they were earned, the "
        "oldest first. 0 means points never expire.",
    )
    crm_expiry_warning_days = fields.Integer(
        string="Expiry Warning (days)",
        default=30,
        help="Members are told this many days before their points expire.",
    )

    _crm_tier_window_positive = models.Constraint(
        "CHECK(crm_tier_window_months > 0)",
        "The tier window of a loyalty program must be at least one month.",
    )
    _crm_points_expiry_positive = models.Constraint(
        "CHECK(crm_points_expiry_months >= 0 AND crm_expiry_warning_days >= 0)",
        "Points expiry months and warning days cannot be negative.",
    )
