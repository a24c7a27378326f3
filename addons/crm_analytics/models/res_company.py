# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    crm_rfm_window_months = fields.Integer(
        string="RFM Window (months)",
        default=12,
        help="Purchases of this many months make recency, frequency and monetary "
        "value, and the product associations.",
    )
    crm_churn_factor = fields.Float(
        string="Churn Warning Factor",
        default=2.0,
        help="A customer is warned when the days since the last purchase exceed "
        "this factor times the customer's median interval between purchases.",
    )
    crm_churn_default_interval_days = fields.Integer(
        string="Default Purchase Interval (days)",
        default=60,
        help="The interval used for customers with fewer than three orders.",
    )
    crm_churn_horizon_days = fields.Integer(
        string="Churn Horizon (days)",
        default=30,
        help="The customer value model gives every customer the probability of "
        "no purchase in this many days; customers silent for this long are "
        "warned when that probability reaches the churn warning probability.",
    )
    crm_churn_probability = fields.Float(
        string="Churn Warning Probability (%)",
        default=90.0,
        help="A customer is warned when the probability of no purchase within the "
        "churn horizon reaches this percentage. Without a customer value model "
        "(a base too small to fit), the purchase interval decides instead.",
    )
    crm_churned_days = fields.Integer(
        string="Churned After (days)",
        default=365,
        help="A customer without purchase for this many days is churned.",
    )
    crm_analytics_period_days = fields.Integer(
        string="Analysis Period (days)",
        default=90,
        help="Customers who first bought in this period are new; interactions of "
        "this period are compared with the period before; a customer who came "
        "back in this period is won back.",
    )
    crm_retention_days = fields.Integer(
        string="Retention Window (days)",
        default=30,
        help="A warned customer who buys again within this many days counts as "
        "retained.",
    )
    crm_retention_program_id = fields.Many2one(
        "loyalty.program",
        string="Retention Coupon Program",
        domain="[('program_type', '=', 'coupons'), ('company_id', 'in', [id, False])]",
        help="When set, every churn warning gives the customer one coupon of "
        "this program.",
    )
    crm_value_high_amount = fields.Monetary(
        string="High Value Annual Purchases",
        currency_field="currency_id",
        default=10000.0,
        help="Customers who bought more than this over the last 12 months are of "
        "high value.",
    )
    crm_value_growth_percent = fields.Float(
        string="Growth (%)",
        default=20.0,
        help="Customers whose purchases of the last 12 months grew by at least "
        "this percentage over the 12 months before are growing.",
    )
    crm_value_decline_percent = fields.Float(
        string="Decline (%)",
        default=30.0,
        help="Customers whose purchases of the last 12 months fell by at least "
        "this percentage from the 12 months before are at-risk customers.",
    )
    crm_xsell_min_support = fields.Float(
        string="Minimum Support (%)",
        default=1.0,
        help="Share of orders that must hold both products of a rule.",
    )
    crm_xsell_min_confidence = fields.Float(
        string="Minimum Confidence (%)",
        default=20.0,
        help="Share of the orders with the first product that also hold the "
        "second one.",
    )
    crm_xsell_top_n = fields.Integer(string="Recommendations per Customer", default=5)
    crm_xsell_exclude_days = fields.Integer(
        string="Skip Products Bought Within (days)",
        default=30,
        help="Products the customer bought in this many days are not recommended.",
    )
    crm_analytics_done_date = fields.Date(
        string="Analytics Computed On",
        readonly=True,
        help="Day of the last nightly run; with the steps done that day it lets "
        "an interrupted run resume.",
    )
    crm_analytics_done_steps = fields.Integer(readonly=True)

    _crm_rfm_window_months_positive = models.Constraint(
        "CHECK(crm_rfm_window_months > 0)",
        "The RFM window must be at least one month.",
    )
    _crm_churn_factor_positive = models.Constraint(
        "CHECK(crm_churn_factor > 0)",
        "The churn warning factor must be greater than zero.",
    )
    _crm_xsell_top_n_positive = models.Constraint(
        "CHECK(crm_xsell_top_n > 0)",
        "Recommendations per customer must be at least one.",
    )

    @api.constrains(
        "crm_churn_default_interval_days",
        "crm_churn_horizon_days",
        "crm_churned_days",
        "crm_analytics_period_days",
        "crm_retention_days",
        "crm_xsell_exclude_days",
    )
    def _check_crm_analytics_days(self):
        for company in self:
            for fname in (
                "crm_churn_default_interval_days",
                "crm_churn_horizon_days",
                "crm_churned_days",
                "crm_analytics_period_days",
                "crm_retention_days",
            ):
                if company[fname] <= 0:
                    raise ValidationError(
                        self.env._(
                            "%(field)s must be a positive number of days.",
                            field=self._fields[fname].get_description(self.env)[
                                "string"
                            ],
                        )
                    )
            if company.crm_xsell_exclude_days < 0:
                raise ValidationError(
                    self.env._(
                        "Skip Products Bought Within (days) cannot be negative; "
                        "use 0 to recommend every product."
                    )
                )

    @api.constrains(
        "crm_xsell_min_support",
        "crm_xsell_min_confidence",
        "crm_value_growth_percent",
        "crm_value_decline_percent",
        "crm_churn_probability",
    )
    def _check_crm_analytics_percent(self):
        for company in self:
            for fname in (
                "crm_xsell_min_support",
                "crm_xsell_min_confidence",
                "crm_value_growth_percent",
                "crm_value_decline_percent",
                "crm_churn_probability",
            ):
                if not 0 <= company[fname] <= 100:
                    raise ValidationError(
                        self.env._(
                            "%(field)s must be a percentage between 0 and 100.",
                            field=self._fields[fname].get_description(self.env)[
                                "string"
                            ],
                        )
                    )

    @api.constrains("crm_retention_program_id")
    def _check_crm_retention_program_id(self):
        for company in self:
            program = company.crm_retention_program_id
            if program and program.program_type != "coupons":
                raise ValidationError(
                    self.env._(
                        "The retention coupon program %(program)s must be a "
                        "Coupons program.",
                        program=program.display_name,
                    )
                )
