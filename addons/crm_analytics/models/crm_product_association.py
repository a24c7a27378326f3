# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class CrmProductAssociation(models.Model):
    """An association rule "bought product, also bought related product",
    from the orders of the company's RFM window.

    With ``N`` orders, ``n(A)`` orders holding A and ``n(A, B)`` holding both:
    support = n(A, B) / N, confidence = n(A, B) / n(A), lift = confidence /
    (n(B) / N). Rules under the company's minimum support or confidence are
    not kept. Refund lines are not baskets.
    """

    _name = "crm.product.association"
    _description = "Product Association Rule"
    _order = "company_id, lift desc, confidence desc, id"
    _rec_name = "product_id"
    # Written set-wise by the nightly run only: no create/write stamps, whose
    # user foreign keys cost a check per row on every rewrite.
    _log_access = False

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    product_id = fields.Many2one(
        "product.product",
        string="Bought",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    related_product_id = fields.Many2one(
        "product.product",
        string="Also Bought",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    order_count = fields.Integer(
        string="Orders with Both", readonly=True, aggregator="sum"
    )
    support = fields.Float(readonly=True, aggregator="avg", digits=(16, 4))
    confidence = fields.Float(readonly=True, aggregator="avg", digits=(16, 4))
    lift = fields.Float(readonly=True, aggregator="avg", digits=(16, 2))
    computed_on = fields.Date(readonly=True)

    _rule_unique = models.Constraint(
        "UNIQUE(company_id, product_id, related_product_id)",
        "A product pair has one rule per company.",
    )

    @api.model
    def _crm_build_rules(self, company, today):
        """Replace the rules of the company, in one statement over the
        co-purchases (a self-join of the order lines on the order)."""
        analytics = self.env["crm.customer.analytics"]
        self.flush_model()
        self.env["crm.purchase.fact"].flush_sources()
        self.env.cr.execute(
            SQL("DELETE FROM crm_product_association WHERE company_id = %s", company.id)
        )
        self.env.cr.execute(
            SQL(
                """
                WITH baskets AS MATERIALIZED (%(baskets)s),
                total AS (
                    SELECT COUNT(*)::float AS n
                      FROM (SELECT DISTINCT order_model, order_id FROM baskets) o
                ),
                item AS (
                    SELECT product_id, COUNT(*) AS n FROM baskets GROUP BY product_id
                ),
                pair AS (
                    SELECT a.product_id, b.product_id AS related_product_id,
                           COUNT(*) AS n
                      FROM baskets a
                      JOIN baskets b
                        ON b.order_model = a.order_model
                       AND b.order_id = a.order_id
                       AND b.product_id <> a.product_id
                  GROUP BY a.product_id, b.product_id
                )
                INSERT INTO crm_product_association (
                    company_id, product_id, related_product_id, order_count,
                    support, confidence, lift, computed_on)
                SELECT %(company)s, p.product_id, p.related_product_id, p.n,
                       p.n / t.n, p.n::float / ia.n,
                       (p.n::float / ia.n) / (ib.n / t.n), %(today)s
                  FROM pair p
                  CROSS JOIN total t
                  JOIN item ia ON ia.product_id = p.product_id
                  JOIN item ib ON ib.product_id = p.related_product_id
                 WHERE p.n / t.n >= %(min_support)s
                   AND p.n::float / ia.n >= %(min_confidence)s
                """,
                baskets=self.env["crm.purchase.fact"].facts_sql(
                    company,
                    today,
                    SQL("f.order_model, f.order_id, f.product_id"),
                    where=SQL("NOT f.is_refund AND f.product_id IS NOT NULL"),
                    group_by=SQL("f.order_model, f.order_id, f.product_id"),
                    date_from=analytics._crm_window_start(company, today),
                ),
                company=company.id,
                today=today,
                min_support=company.crm_xsell_min_support / 100.0,
                min_confidence=company.crm_xsell_min_confidence / 100.0,
            )
        )
        self.invalidate_model()
        return self.env.cr.rowcount

    def action_open_customers(self):
        """The customers recommended the related products of these rules, in a
        list from which they can be mailed or tagged."""
        recommendations = self.env["crm.product.recommendation"].search(
            [
                ("company_id", "in", self.company_id.ids),
                ("product_id", "in", self.related_product_id.ids),
            ]
        )
        return recommendations.action_open_customers()
