# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .crm_customer_analytics import LIFECYCLE_STAGES, RFM_SEGMENTS, VALUE_CLASSES


class ResPartner(models.Model):
    _inherit = "res.partner"

    # The relations the dashboard's drill-downs search customers through:
    # ``[('crm_analytics_ids', 'any', [segment...])]`` and
    # ``[('crm_purchase_fact_ids', 'any', [purchases of a period...])]``, so
    # that the customer list opened from a figure is a plain domain, evaluated
    # with the user's access rules, rather than a list of ids.
    crm_analytics_ids = fields.One2many(
        "crm.customer.analytics", "partner_id", string="Analytics per Company"
    )
    crm_purchase_fact_ids = fields.One2many(
        "crm.purchase.fact", "partner_id", string="Purchase Facts"
    )
    crm_analytics_id = fields.Many2one(
        "crm.customer.analytics",
        string="Customer Analytics",
        compute="_compute_crm_analytics",
    )
    crm_r_score = fields.Integer(
        string="Recency Score", compute="_compute_crm_analytics"
    )
    crm_f_score = fields.Integer(
        string="Frequency Score", compute="_compute_crm_analytics"
    )
    crm_m_score = fields.Integer(
        string="Monetary Score", compute="_compute_crm_analytics"
    )
    crm_rfm_segment = fields.Selection(
        RFM_SEGMENTS, string="RFM Segment", compute="_compute_crm_analytics"
    )
    crm_rfm_date = fields.Date(
        string="Analytics Date", compute="_compute_crm_analytics"
    )
    crm_lifecycle_stage = fields.Selection(
        LIFECYCLE_STAGES, string="Lifecycle Stage", compute="_compute_crm_analytics"
    )
    crm_value_class = fields.Selection(
        VALUE_CLASSES, string="Value Class", compute="_compute_crm_analytics"
    )
    crm_analytics_currency_id = fields.Many2one(
        "res.currency", string="Analytics Currency", compute="_compute_crm_analytics"
    )
    crm_lifetime_value = fields.Monetary(
        string="Lifetime Value",
        compute="_compute_crm_analytics",
        currency_field="crm_analytics_currency_id",
    )
    # The value model's figures, searchable so that tag rules, value
    # categories and segments can filter on them (their customer filter is a
    # domain on the partner, evaluated in the rule's company).
    crm_predicted_value = fields.Monetary(
        string="Predicted 12-Month Value",
        compute="_compute_crm_analytics",
        search="_search_crm_predicted_value",
        currency_field="crm_analytics_currency_id",
    )
    crm_expected_purchases = fields.Float(
        string="Expected Purchases, Next 12 Months",
        compute="_compute_crm_analytics",
        search="_search_crm_expected_purchases",
        digits=(16, 2),
    )
    crm_probability_alive = fields.Float(
        string="Probability Active (%)",
        compute="_compute_crm_analytics",
        search="_search_crm_probability_alive",
        digits=(16, 1),
    )
    crm_probability_no_purchase = fields.Float(
        string="Probability of No Purchase (%)",
        compute="_compute_crm_analytics",
        search="_search_crm_probability_no_purchase",
        digits=(16, 1),
        help="Probability that the customer buys nothing within the churn horizon "
        "of the analytics settings.",
    )
    # What the predictions rest on, shown beside them.
    crm_clv_model_id = fields.Many2one(
        "crm.clv.model", string="Value Model", compute="_compute_crm_analytics"
    )
    crm_expected_order_value = fields.Monetary(
        string="Expected Order Value",
        compute="_compute_crm_analytics",
        currency_field="crm_analytics_currency_id",
    )
    crm_repeat_purchase_days = fields.Integer(
        string="Repeat Purchase Days", compute="_compute_crm_analytics"
    )
    crm_repeat_order_value = fields.Monetary(
        string="Average Purchase",
        compute="_compute_crm_analytics",
        currency_field="crm_analytics_currency_id",
    )
    crm_clv_first_purchase_date = fields.Date(
        string="First Purchase Date", compute="_compute_crm_analytics"
    )
    crm_clv_last_purchase_date = fields.Date(
        string="Last Purchase Date", compute="_compute_crm_analytics"
    )
    crm_recommendation_count = fields.Integer(
        string="Recommendations", compute="_compute_crm_recommendation_count"
    )

    @api.depends_context("company", "uid")
    @api.depends("commercial_partner_id")
    def _compute_crm_analytics(self):
        """The analytics row of the commercial partner in the current company
        (none for users without access to the analytics)."""
        Analytics = self.env["crm.customer.analytics"]
        rows = Analytics
        if Analytics.has_access("read"):
            rows = Analytics.search(
                [
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("company_id", "=", self.env.company.id),
                ]
            )
        by_partner = {row.partner_id: row for row in rows}
        for partner in self:
            row = by_partner.get(partner.commercial_partner_id, rows.browse())
            partner.crm_analytics_id = row
            partner.crm_r_score = row.r_score
            partner.crm_f_score = row.f_score
            partner.crm_m_score = row.m_score
            partner.crm_rfm_segment = row.segment
            partner.crm_rfm_date = row.rfm_date
            partner.crm_lifecycle_stage = row.lifecycle_stage
            partner.crm_value_class = row.value_class
            partner.crm_analytics_currency_id = row.currency_id
            partner.crm_lifetime_value = row.lifetime_value
            partner.crm_predicted_value = row.predicted_value
            partner.crm_expected_purchases = row.expected_purchases
            partner.crm_probability_alive = row.probability_alive
            partner.crm_probability_no_purchase = row.probability_no_purchase
            partner.crm_clv_model_id = row.clv_model_id
            partner.crm_expected_order_value = row.expected_order_value
            partner.crm_repeat_purchase_days = row.repeat_purchase_days
            partner.crm_repeat_order_value = row.repeat_order_value
            partner.crm_clv_first_purchase_date = row.first_purchase_date
            partner.crm_clv_last_purchase_date = row.last_purchase_date

    def _search_crm_analytics_field(self, fname, operator, value):
        """Customers whose analytics row of the current company has a
        prediction of the value model matching ``fname operator value`` (a
        customer without prediction matches no condition on it, rather than
        counting as 0)."""
        return [
            (
                "commercial_partner_id.crm_analytics_ids",
                "any",
                [
                    ("company_id", "=", self.env.company.id),
                    ("clv_model_id", "!=", False),
                    (fname, operator, value),
                ],
            )
        ]

    def _search_crm_predicted_value(self, operator, value):
        return self._search_crm_analytics_field("predicted_value", operator, value)

    def _search_crm_expected_purchases(self, operator, value):
        return self._search_crm_analytics_field("expected_purchases", operator, value)

    def _search_crm_probability_alive(self, operator, value):
        return self._search_crm_analytics_field("probability_alive", operator, value)

    def _search_crm_probability_no_purchase(self, operator, value):
        return self._search_crm_analytics_field(
            "probability_no_purchase", operator, value
        )

    @api.depends_context("company", "uid")
    @api.depends("commercial_partner_id")
    def _compute_crm_recommendation_count(self):
        Recommendation = self.env["crm.product.recommendation"]
        if not Recommendation.has_access("read"):
            self.crm_recommendation_count = 0
            return
        counts = dict(
            Recommendation._read_group(
                [
                    ("partner_id", "in", self.commercial_partner_id.ids),
                    ("company_id", "=", self.env.company.id),
                ],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.crm_recommendation_count = counts.get(
                partner.commercial_partner_id, 0
            )

    def action_crm_open_recommendations(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Recommended Products"),
            "res_model": "crm.product.recommendation",
            "view_mode": "list",
            "domain": [
                ("partner_id", "=", self.commercial_partner_id.id),
                ("company_id", "=", self.env.company.id),
            ],
        }
