# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_profile_field_ids = fields.Many2many(
        related="company_id.crm_profile_field_ids", readonly=False
    )
    crm_profile_review_months = fields.Integer(
        related="company_id.crm_profile_review_months", readonly=False
    )
    crm_duplicate_policy = fields.Selection(
        related="company_id.crm_duplicate_policy", readonly=False
    )

    crm_birthday_notice_days = fields.Integer(
        related="company_id.crm_birthday_notice_days", readonly=False
    )
    crm_birthday_late_days = fields.Integer(
        related="company_id.crm_birthday_late_days", readonly=False
    )
    crm_birthday_user_id = fields.Many2one(
        related="company_id.crm_birthday_user_id", readonly=False
    )
