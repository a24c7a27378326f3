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
        return self._credit_note_fact_query(
            3,
            SQL("'pos'"),
            SQL("JOIN rma ON rma.id = aml.rma_id"),
            SQL("rma.pos_order_line_id IS NOT NULL"),
        )
