# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    rma_approval_amount = fields.Monetary(
        string="Return Approval Amount",
        currency_field="currency_id",
        default=200.0,
        help="Returns worth more than this amount wait for a customer care "
        "manager's approval after the inspection; cheaper ones go on at once.",
    )

    crm_untyped_ticket_policy = fields.Selection(
        [
            ("classified", "Complaints the classifier recognises"),
            ("all", "Every ticket"),
            ("none", "None"),
        ],
        string="Customer Tickets without a Type",
        default="classified",
        required=True,
        help="Which tickets customers file on the portal or by email without "
        "a type become complaints (classified, routed, under the complaint "
        "SLA and acknowledged). Complaints the classifier recognises: all but "
        "those the company's classifier says are not a complaint (a question, "
        "a praise). The others stay ordinary helpdesk tickets. A ticket the "
        "customer files as a complaint is one whatever this setting.",
    )
    crm_complaint_fallback_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Fallback Complaint Team",
        help="Team of the complaints no routing rule matches.",
    )
    crm_aftersales_manager_id = fields.Many2one(
        "res.users",
        string="After-sales Manager",
        domain=[("share", "=", False)],
        help="Receives escalations after the team leader, and calls repeat "
        "complainers back.",
    )
    crm_quality_manager_id = fields.Many2one(
        "res.users",
        string="Quality Manager",
        domain=[("share", "=", False)],
        help="Receives the quality alerts of lots with many complaints.",
    )
    crm_sla_response_hours = fields.Float(
        string="First Response (working hours)", default=2.0
    )
    crm_sla_routing_hours = fields.Float(
        string="Routing (working hours)",
        default=4.0,
        help="Working hours to get a complaint to the person responsible.",
    )
    crm_sla_risk_hours = fields.Float(
        string="At Risk Margin (hours)",
        default=1.0,
        help="A complaint is at risk when a deadline is this many hours away.",
    )
    crm_escalation_hours = fields.Float(
        string="Escalate to Manager after (hours)",
        default=4.0,
        help="Hours after the team leader was alerted of a breached complaint "
        "that the after-sales manager is alerted, if it is still open.",
    )
    crm_repeat_complaint_count = fields.Integer(string="Repeat Complaints", default=3)
    crm_repeat_complaint_days = fields.Integer(
        string="Repeat Complaint Window (days)", default=30
    )
    crm_complaint_callback_days = fields.Integer(
        string="Callback after Closing (days)", default=3
    )
    crm_lot_alert_count = fields.Integer(string="Complaints per Lot Alert", default=3)
    crm_compensation_program_id = fields.Many2one(
        "loyalty.program",
        string="Compensation Coupon Program",
        domain=[("program_type", "=", "coupons")],
        help="Coupons given as compensation are cards of this program; their "
        "points are the compensation amount.",
    )

    _crm_sla_hours_positive = models.Constraint(
        "CHECK(crm_sla_response_hours > 0 AND crm_sla_routing_hours > 0 "
        "AND crm_sla_risk_hours >= 0 AND crm_escalation_hours >= 0)",
        "Complaint SLA hours must be positive.",
    )
    _crm_repeat_complaint_positive = models.Constraint(
        "CHECK(crm_repeat_complaint_count > 1 AND crm_repeat_complaint_days > 0)",
        "Repeat complainers need at least two complaints in at least one day.",
    )
    _crm_complaint_callback_days_positive = models.Constraint(
        "CHECK(crm_complaint_callback_days >= 0)",
        "The callback delay after closing a complaint cannot be negative.",
    )
    _crm_lot_alert_count_positive = models.Constraint(
        "CHECK(crm_lot_alert_count > 0)",
        "The complaints per lot that raise a quality alert must be at least one.",
    )
    crm_satisfaction_survey_id = fields.Many2one(
        "survey.survey",
        string="Satisfaction Survey",
        domain=[("survey_type", "=", "survey")],
        help="Sent after a closed complaint, a finished return and a care "
        "visit, and filled in on callbacks; empty: the suite's customer "
        "satisfaction survey.",
    )

    def _crm_satisfaction_survey(self):
        """The survey the company asks its customers' satisfaction with."""
        self.ensure_one()
        return self.crm_satisfaction_survey_id or self.env.ref(
            "crm_aftersales.survey_customer_satisfaction", raise_if_not_found=False
        )
