# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_rfm_window_months = fields.Integer(
        related="company_id.crm_rfm_window_months", readonly=False
    )
    crm_churn_factor = fields.Float(
        related="company_id.crm_churn_factor", readonly=False
    )
    crm_churn_default_interval_days = fields.Integer(
        related="company_id.crm_churn_default_interval_days", readonly=False
    )
    crm_churn_horizon_days = fields.Integer(
        related="company_id.crm_churn_horizon_days", readonly=False
    )
    crm_churn_probability = fields.Float(
        related="company_id.crm_churn_probability", readonly=False
    )
    crm_churned_days = fields.Integer(
        related="company_id.crm_churned_days", readonly=False
    )
    crm_analytics_period_days = fields.Integer(
        related="company_id.crm_analytics_period_days", readonly=False
    )
    crm_retention_days = fields.Integer(
        related="company_id.crm_retention_days", readonly=False
    )
    crm_retention_program_id = fields.Many2one(
        related="company_id.crm_retention_program_id", readonly=False
    )
    crm_value_high_amount = fields.Monetary(
        related="company_id.crm_value_high_amount",
        currency_field="currency_id",
        readonly=False,
    )
    crm_value_growth_percent = fields.Float(
        related="company_id.crm_value_growth_percent", readonly=False
    )
    crm_value_decline_percent = fields.Float(
        related="company_id.crm_value_decline_percent", readonly=False
    )
    crm_xsell_min_support = fields.Float(
        related="company_id.crm_xsell_min_support", readonly=False
    )
    crm_xsell_min_confidence = fields.Float(
        related="company_id.crm_xsell_min_confidence", readonly=False
    )
    crm_xsell_top_n = fields.Integer(
        related="company_id.crm_xsell_top_n", readonly=False
    )
    crm_xsell_exclude_days = fields.Integer(
        related="company_id.crm_xsell_exclude_days", readonly=False
    )

    def action_crm_analytics_recompute(self):
        return self.env["crm.customer.analytics"].action_recompute()
