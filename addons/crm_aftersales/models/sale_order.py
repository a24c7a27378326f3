# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ("sale.order", "crm.rma.order.mixin")
    _crm_rma_order_field = "order_id"

    rma_ids = fields.One2many(
        "rma", "order_id", string="Returns", groups="rma.rma_group_user_own"
    )
    crm_compensation_id = fields.Many2one(
        "crm.complaint.compensation",
        string="Compensation",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The free order reissues goods for this complaint compensation: "
        "it is no purchase of the customer.",
    )

    @api.depends("rma_ids")
    def _compute_rma_count(self):
        return super()._compute_rma_count()
