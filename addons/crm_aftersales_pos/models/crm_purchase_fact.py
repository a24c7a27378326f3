# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL, frozendict


class CrmPurchaseFact(models.Model):
    _inherit = "crm.purchase.fact"

    _depends = frozendict(
        {
            "account.move.line": ["rma_id"],
            "rma": ["pos_order_line_id"],
        }
    )

    @api.model
    def _fact_queries(self):
        return [*super()._fact_queries(), self._pos_rma_refund_fact_query()]

    @api.model
    def _order_fact_queries(self):
        return [
            *super()._order_fact_queries(),
            self._group_by_order_sql(self._pos_rma_refund_fact_query()),
        ]

    @api.model
    def _pos_rma_refund_fact_query(self):
        # Posted credit notes of returns of shop purchases: the refund lowers
        # the spend of the point of sale channel, as a refund at the counter.
        return SQL(
            """
            SELECT aml.id * 4 + 3 AS id,
                   am.invoice_date::timestamp AS date,
                   am.commercial_partner_id AS partner_id,
                   am.company_id AS company_id,
                   'pos' AS channel,
                   'account.move' AS order_model,
                   am.id AS order_id,
                   am.name AS order_ref,
                   aml.product_id AS product_id,
                   pt.categ_id AS categ_id,
                   -aml.quantity AS quantity,
                   -aml.balance AS amount,
                   TRUE AS is_refund
              FROM account_move_line aml
              JOIN account_move am ON am.id = aml.move_id
              JOIN rma ON rma.id = aml.rma_id
         LEFT JOIN product_product pp ON pp.id = aml.product_id
         LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE am.move_type = 'out_refund'
               AND am.state = 'posted'
               AND aml.display_type = 'product'
               AND rma.pos_order_line_id IS NOT NULL
            """
        )
