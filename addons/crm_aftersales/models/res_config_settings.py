# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    rma_approval_amount = fields.Monetary(
        related="company_id.rma_approval_amount",
        currency_field="currency_id",
        readonly=False,
    )

    crm_untyped_ticket_policy = fields.Selection(
        related="company_id.crm_untyped_ticket_policy", readonly=False
    )
    crm_complaint_fallback_team_id = fields.Many2one(
        related="company_id.crm_complaint_fallback_team_id", readonly=False
    )
    crm_aftersales_manager_id = fields.Many2one(
        related="company_id.crm_aftersales_manager_id", readonly=False
    )
    crm_quality_manager_id = fields.Many2one(
        related="company_id.crm_quality_manager_id", readonly=False
    )
    crm_sla_response_hours = fields.Float(
        related="company_id.crm_sla_response_hours", readonly=False
    )
    crm_sla_routing_hours = fields.Float(
        related="company_id.crm_sla_routing_hours", readonly=False
    )
    crm_sla_risk_hours = fields.Float(
        related="company_id.crm_sla_risk_hours", readonly=False
    )
    crm_escalation_hours = fields.Float(
        related="company_id.crm_escalation_hours", readonly=False
    )
    crm_repeat_complaint_count = fields.Integer(
        related="company_id.crm_repeat_complaint_count", readonly=False
    )
    crm_repeat_complaint_days = fields.Integer(
        related="company_id.crm_repeat_complaint_days", readonly=False
    )
    crm_complaint_callback_days = fields.Integer(
        related="company_id.crm_complaint_callback_days", readonly=False
    )
    crm_satisfaction_survey_id = fields.Many2one(
        related="company_id.crm_satisfaction_survey_id", readonly=False
    )
    crm_lot_alert_count = fields.Integer(
        related="company_id.crm_lot_alert_count", readonly=False
    )
    crm_compensation_program_id = fields.Many2one(
        related="company_id.crm_compensation_program_id", readonly=False
    )
