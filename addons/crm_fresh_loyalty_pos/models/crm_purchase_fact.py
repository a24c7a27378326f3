# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL, frozendict


class CrmPurchaseFact(models.Model):
    _inherit = "crm.purchase.fact"

    _depends = frozendict(
        {
            "pos.order": [
                "company_id",
                "currency_rate",
                "date_order",
                "name",
                "partner_id",
                "state",
            ],
            "pos.order.line": ["order_id", "price_subtotal", "product_id", "qty"],
        }
    )

    @api.model
    def _fact_queries(self):
        return [*super()._fact_queries(), self._pos_fact_query()]

    @api.model
    def _order_fact_queries(self):
        return [*super()._order_fact_queries(), self._pos_order_fact_query()]

    @api.model
    def _pos_order_fact_query(self):
        # The lines of each order are summed before the join to the orders:
        # one row per order meets the joins (see _order_fact_queries). A
        # refund order returns goods only; an exchange (a line sold, a line
        # returned) is a visit that bought, for the net amount.
        return SQL(
            """
            SELECT po.date_order AS date,
                   p.commercial_partner_id AS partner_id,
                   po.company_id AS company_id,
                   'pos' AS channel,
                   'pos.order' AS order_model,
                   po.id AS order_id,
                   pol.amount / COALESCE(NULLIF(po.currency_rate, 0), 1.0) AS amount,
                   pol.is_refund
              FROM (
                    SELECT order_id, SUM(price_subtotal) AS amount,
                           NOT bool_or(qty > 0) AS is_refund
                      FROM pos_order_line
                  GROUP BY order_id
                   ) pol
              JOIN pos_order po ON po.id = pol.order_id
              JOIN res_partner p ON p.id = po.partner_id
             WHERE po.state IN ('paid', 'done')
            """
        )

    @api.model
    def _pos_fact_query(self):
        # Paid POS orders of identified customers; refund orders carry negative
        # quantities and amounts, so they reduce the spend by themselves.
        return SQL(
            """
            SELECT pol.id * 4 + 2 AS id,
                   po.date_order AS date,
                   p.commercial_partner_id AS partner_id,
                   po.company_id AS company_id,
                   'pos' AS channel,
                   'pos.order' AS order_model,
                   po.id AS order_id,
                   po.name AS order_ref,
                   pol.product_id AS product_id,
                   pt.categ_id AS categ_id,
                   pol.qty AS quantity,
                   pol.price_subtotal / COALESCE(NULLIF(po.currency_rate, 0), 1.0)
                       AS amount,
                   pol.qty < 0 AS is_refund
              FROM pos_order_line pol
              JOIN pos_order po ON po.id = pol.order_id
              JOIN res_partner p ON p.id = po.partner_id
         LEFT JOIN product_product pp ON pp.id = pol.product_id
         LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE po.state IN ('paid', 'done')
            """
        )
