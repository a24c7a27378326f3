# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

TIER_CHANGE_REASONS = [
    ("purchase", "Purchase"),
    ("evaluation", "Scheduled evaluation"),
    ("downgrade", "Downgrade after grace period"),
    ("manual", "Set by a manager"),
    ("merge", "Customer merge"),
]


class CrmMembershipTierHistory(models.Model):
    _name = "crm.membership.tier.history"
    _description = "Membership Tier Change"
    _order = "date desc, id desc"

    card_id = fields.Many2one(
        "loyalty.card", required=True, index=True, ondelete="cascade", readonly=True
    )
    partner_id = fields.Many2one(
        related="card_id.partner_id", store=True, index=True, string="Customer"
    )
    program_id = fields.Many2one(related="card_id.program_id", store=True)
    company_id = fields.Many2one(related="card_id.company_id", store=True)
    from_tier_id = fields.Many2one("crm.membership.tier", readonly=True)
    to_tier_id = fields.Many2one("crm.membership.tier", readonly=True)
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    reason = fields.Selection(TIER_CHANGE_REASONS, required=True, readonly=True)
    note = fields.Text(readonly=True)
    user_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )
    is_upgrade = fields.Boolean(readonly=True)
