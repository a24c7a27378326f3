# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class CrmProductRecommendation(models.Model):
    """A product to offer a customer: the best rules from the products the
    customer bought in the RFM window, leaving out what was bought recently.
    """

    _name = "crm.product.recommendation"
    _description = "Product Recommendation"
    _order = "partner_id, rank"
    _rec_name = "product_id"
    # Written set-wise by the nightly run only: no create/write stamps, whose
    # user foreign keys cost a check per row on every rewrite.
    _log_access = False

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    product_id = fields.Many2one(
        "product.product", required=True, readonly=True, ondelete="cascade"
    )
    rank = fields.Integer(readonly=True, aggregator="min")
    confidence = fields.Float(readonly=True, aggregator="avg", digits=(16, 4))
    lift = fields.Float(readonly=True, aggregator="avg", digits=(16, 2))

    @api.model
    def _crm_build_recommendations(self, company, today):
        """Replace the recommendations of the company: per customer, the
        consequents of the rules whose antecedent the customer bought, by best
        confidence then lift, the top ``crm_xsell_top_n``."""
        analytics = self.env["crm.customer.analytics"]
        # antecedents: bought in the window; left out: bought since ``recent``
        start = analytics._crm_window_start(company, today)
        recent = today - timedelta(days=company.crm_xsell_exclude_days - 1)
        self.flush_model()
        self.env["crm.product.association"].flush_model()
        self.env["crm.purchase.fact"].flush_sources()
        self.env.cr.execute(
            SQL(
                "DELETE FROM crm_product_recommendation WHERE company_id = %s",
                company.id,
            )
        )
        self.env.cr.execute(
            SQL(
                """
                WITH bought AS (
                    SELECT partner_id, product_id, MAX(last_date) AS last_date
                      FROM (%(bought)s) b
                  GROUP BY partner_id, product_id
                ),
                candidates AS (
                    SELECT b.partner_id, r.related_product_id AS product_id,
                           MAX(r.confidence) AS confidence, MAX(r.lift) AS lift
                      FROM bought b
                      JOIN crm_product_association r
                        ON r.product_id = b.product_id
                       AND r.company_id = %(company)s
                 LEFT JOIN bought x
                        ON x.partner_id = b.partner_id
                       AND x.product_id = r.related_product_id
                       AND x.last_date >= %(recent)s
                     WHERE b.last_date >= %(start)s
                       AND x.partner_id IS NULL
                  GROUP BY b.partner_id, r.related_product_id
                ),
                ranked AS (
                    SELECT *, ROW_NUMBER() OVER (
                               PARTITION BY partner_id
                               ORDER BY confidence DESC, lift DESC, product_id
                           ) AS rank
                      FROM candidates
                )
                INSERT INTO crm_product_recommendation (
                    partner_id, company_id, product_id, rank, confidence, lift)
                SELECT partner_id, %(company)s, product_id, rank, confidence, lift
                  FROM ranked
                 WHERE rank <= %(top)s
                """,
                bought=self.env["crm.purchase.fact"].facts_sql(
                    company,
                    today,
                    SQL("f.partner_id, f.product_id, MAX(f.date) AS last_date"),
                    where=SQL("NOT f.is_refund AND f.product_id IS NOT NULL"),
                    group_by=SQL("f.partner_id, f.product_id"),
                    date_from=min(start, recent),
                ),
                start=start,
                recent=recent,
                company=company.id,
                top=company.crm_xsell_top_n,
            )
        )
        self.invalidate_model()
        return self.env.cr.rowcount

    @api.model
    def _crm_for_customer(self, partner, company, limit=None, exclude=None):
        """The recommendations of ``partner`` (its commercial partner) in
        ``company``, best first, leaving out the products of ``exclude``.
        Read where a sale happens (quotation, shop, till): the caller
        checked the user may see the customer."""
        domain = [
            ("partner_id", "=", partner.commercial_partner_id.id),
            ("company_id", "=", company.id),
        ]
        if exclude:
            domain.append(("product_id", "not in", exclude.ids))
        return self.search(domain, limit=limit, order="rank")

    def action_crm_add_to_order(self):
        """*Add* on a quotation's recommendations: the product on a new line
        of the quotation (``crm_order_id`` in the context)."""
        order = (
            self.env["sale.order"].browse(self.env.context.get("crm_order_id")).exists()
        )
        if not order:
            raise UserError(
                self.env._("Save the quotation before adding a recommended product.")
            )
        order._crm_add_recommended_products(self.product_id, "sales")
        return True

    def action_open_customers(self):
        """Open the customers of these recommendations: from that list they
        can be emailed (Action > Send email) or tagged for a campaign."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customers to Offer"),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", self.partner_id.ids)],
        }
