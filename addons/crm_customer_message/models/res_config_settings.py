# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_message_daily_cap = fields.Integer(
        related="company_id.crm_message_daily_cap", readonly=False
    )
    crm_message_max_attempts = fields.Integer(
        related="company_id.crm_message_max_attempts", readonly=False
    )
    crm_message_quiet_start = fields.Float(
        related="company_id.crm_message_quiet_start", readonly=False
    )
    crm_message_quiet_end = fields.Float(
        related="company_id.crm_message_quiet_end", readonly=False
    )
