# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_personal_data_own_customers = fields.Boolean(
        related="company_id.crm_personal_data_own_customers", readonly=False
    )
    crm_personal_data_alert_threshold = fields.Integer(
        related="company_id.crm_personal_data_alert_threshold", readonly=False
    )
    crm_personal_data_clear_group_ids = fields.Many2many(
        related="company_id.crm_personal_data_clear_group_ids", readonly=False
    )
