# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CrmAftersalesRequest(models.TransientModel):
    _inherit = "crm.aftersales.request"

    pos_order_line_id = fields.Many2one(
        "pos.order.line", string="POS Order Line", readonly=True
    )
    pos_order_id = fields.Many2one(
        related="pos_order_line_id.order_id", string="POS Order"
    )

    @api.model
    def _crm_pos_line_values(self, pos_line):
        """Defaults from a POS order line: its customer, product, sold lot
        and the quantity not refunded at the counter."""
        lot = self.env["stock.lot"].search(
            [
                ("product_id", "=", pos_line.product_id.id),
                ("name", "in", pos_line.pack_lot_ids.mapped("lot_name")),
            ],
            limit=1,
        )
        return {
            "company_id": pos_line.company_id.id,
            "partner_id": pos_line.order_id.partner_id.id,
            "pos_order_line_id": pos_line.id,
            "product_id": pos_line.product_id.id,
            "lot_id": lot.id,
            "quantity": pos_line.qty - pos_line.refunded_qty,
            "uom_id": pos_line.product_uom_id.id,
        }

    def _crm_order(self):
        return self.pos_order_line_id.order_id or super()._crm_order()

    def _crm_ticket_values(self):
        vals = super()._crm_ticket_values()
        if self.pos_order_line_id:
            vals["crm_pos_order_id"] = self.pos_order_line_id.order_id.id
        return vals

    def _crm_rma_values(self):
        vals = super()._crm_rma_values()
        if self.pos_order_line_id:
            vals.update(
                pos_order_id=self.pos_order_line_id.order_id.id,
                pos_order_line_id=self.pos_order_line_id.id,
            )
        return vals
