# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class Rma(models.Model):
    _inherit = "rma"

    pos_order_id = fields.Many2one(
        "pos.order",
        string="POS Order",
        index="btree_not_null",
        domain="[('partner_id', 'child_of', commercial_partner_id),"
        " ('state', 'in', ['paid', 'done'])]",
        copy=False,
    )
    pos_order_line_id = fields.Many2one(
        "pos.order.line",
        string="POS Order Line",
        index="btree_not_null",
        domain="[('order_id', '=', pos_order_id), ('qty', '>', 0)]",
        copy=False,
    )

    @api.depends("move_id", "sale_line_id", "pos_order_line_id")
    def _compute_product_id(self):
        res = super()._compute_product_id()
        for rma in self.filtered(lambda r: r.pos_order_line_id and not r.move_id):
            rma.product_id = rma.pos_order_line_id.product_id
        return res

    @api.depends("sale_line_id", "product_id", "pos_order_line_id")
    def _compute_allowed_lot_ids(self):
        res = super()._compute_allowed_lot_ids()
        # The lots scanned at the till for the line.
        returns = self.filtered("pos_order_line_id")
        lot_names = returns.pos_order_line_id.pack_lot_ids.mapped("lot_name")
        lots = self.env["stock.lot"].search(
            [
                ("name", "in", lot_names),
                ("product_id", "in", returns.product_id.ids),
            ]
        )
        for rma in returns:
            names = set(rma.pos_order_line_id.pack_lot_ids.mapped("lot_name"))
            rma.allowed_lot_ids = lots.filtered(
                lambda lot, rma=rma, names=names: (
                    lot.name in names
                    and lot.product_id == rma.product_id
                    and (not lot.company_id or lot.company_id == rma.company_id)
                )
            )
        return res

    @api.depends(
        "product_uom_qty",
        "product_uom",
        "product_id.lst_price",
        "sale_line_id.price_reduce_taxinc",
        "sale_line_id.product_uom_id",
        "pos_order_line_id.price_subtotal_incl",
        "pos_order_line_id.qty",
    )
    def _compute_amount(self):
        res = super()._compute_amount()
        for rma in self.filtered("pos_order_line_id"):
            line = rma.pos_order_line_id
            qty = rma.product_uom._compute_quantity(
                rma.product_uom_qty, line.product_uom_id
            )
            rma.amount = qty * line.price_subtotal_incl / line.qty if line.qty else 0.0
        return res

    @api.constrains("pos_order_id", "pos_order_line_id")
    def _check_pos_order_line(self):
        for rma in self.filtered("pos_order_line_id"):
            if rma.pos_order_line_id.order_id != rma.pos_order_id:
                raise ValidationError(
                    self.env._(
                        "The POS Order Line of return %(name)s must belong to "
                        "its POS Order %(order)s.",
                        name=rma.name,
                        order=rma.pos_order_id.name,
                    )
                )

    @api.constrains("pos_order_line_id", "product_uom_qty", "product_uom", "state")
    def _check_pos_order_line_qty(self):
        """The returns of a POS order line, except the cancelled ones, never
        exceed what was bought and not refunded at the counter."""
        self._crm_check_returned_qty(
            "pos_order_line_id",
            lambda line: line.qty - line.refunded_qty,
            self.env._(
                "The returns of %(product)s on %(order)s add up to "
                "%(returned)s %(uom)s but only %(returnable)s %(uom)s "
                "were bought and not refunded: lower the Quantity."
            ),
        )

    def _prepare_refund_line_vals(self):
        vals = super()._prepare_refund_line_vals()
        line = self.pos_order_line_id
        if line:
            vals.update(
                price_unit=line.product_uom_id._compute_price(
                    line.price_unit, self.product_uom
                ),
                discount=line.discount,
                tax_ids=[fields.Command.set(line.tax_ids_after_fiscal_position.ids)],
            )
        return vals
