# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import plaintext2html
from odoo.tools.misc import clean_context


class CrmAftersalesRequest(models.TransientModel):
    """The service desk's one entry from an order line: a complaint, a
    return, or both, filled in from the line; the customer is told when to
    expect an answer."""

    _name = "crm.aftersales.request"
    _description = "After-sales Request"
    _check_company_auto = True

    request_type = fields.Selection(
        [
            ("complaint", "Complaint"),
            ("return", "Return"),
            ("both", "Complaint and Return"),
        ],
        string="Open",
        required=True,
        default="complaint",
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, readonly=True
    )
    sale_line_id = fields.Many2one(
        "sale.order.line", string="Sale Order Line", readonly=True
    )
    sale_order_id = fields.Many2one(
        related="sale_line_id.order_id", string="Sale Order"
    )
    product_id = fields.Many2one("product.product", required=True, readonly=True)
    lot_id = fields.Many2one(
        "stock.lot",
        domain="[('product_id', '=', product_id)]",
        check_company=True,
    )
    quantity = fields.Float(digits="Product Unit", required=True)
    uom_id = fields.Many2one("uom.uom", string="Unit", required=True, readonly=True)
    description = fields.Text(string="What happened?", required=True)
    category_id = fields.Many2one(
        "helpdesk.ticket.category",
        string="Complaint Category",
        help="Left empty, the complaint's keywords propose one.",
    )
    reason_id = fields.Many2one("rma.reason", string="Return Reason")

    @api.model
    def _crm_line_values(self, sale_line):
        """Defaults from a sale order line: its customer, product, delivered
        lot and quantity."""
        return {
            "company_id": sale_line.company_id.id,
            "partner_id": sale_line.order_id.partner_id.id,
            "sale_line_id": sale_line.id,
            "product_id": sale_line.product_id.id,
            "lot_id": sale_line.move_ids.move_line_ids.lot_id[:1].id,
            "quantity": sale_line.qty_delivered or sale_line.product_uom_qty,
            "uom_id": sale_line.product_uom_id.id,
        }

    @api.model
    def _crm_open(self, values):
        """The wizard's window, filled in with ``values``."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Complaint / Return"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {f"default_{key}": value for key, value in values.items()},
        }

    def _crm_order(self):
        """The order of the request, for the complaint and the return."""
        return self.sale_line_id.order_id

    def _crm_check(self):
        self.ensure_one()
        if self.quantity <= 0:
            raise ValidationError(
                self.env._(
                    "Quantity: enter how much of %(product)s the request is "
                    "about, above 0.",
                    product=self.product_id.display_name,
                )
            )
        if self.request_type in ("return", "both") and not self.reason_id:
            raise ValidationError(
                self.env._("Return Reason: choose why the customer returns the goods.")
            )

    def _crm_ticket_values(self):
        order = self._crm_order()
        return {
            "name": self.env._(
                "%(product)s (%(order)s)",
                product=self.product_id.display_name,
                order=order.name,
            ),
            "description": plaintext2html(self.description),
            "type_id": self.env.ref("crm_aftersales.helpdesk_ticket_type_complaint").id,
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "category_id": self.category_id.id,
            "crm_product_id": self.product_id.id,
            "crm_lot_id": self.lot_id.id,
            "crm_sale_order_id": order.id if order._name == "sale.order" else False,
        }

    def _crm_rma_values(self):
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "order_id": self.sale_line_id.order_id.id,
            "sale_line_id": self.sale_line_id.id,
            "product_id": self.product_id.id,
            "lot_id": self.lot_id.id,
            "product_uom_qty": self.quantity,
            "product_uom": self.uom_id.id,
            "reason_id": self.reason_id.id,
            "origin": self._crm_order().name,
            "description": plaintext2html(self.description),
        }

    def action_confirm(self):
        """Open the complaint (acknowledged to the customer on creation)
        and/or the return, and show what was opened."""
        self._crm_check()
        # the defaults that opened this wizard are not the new records' ones
        env = self.with_context(  # pylint: disable=context-overridden
            clean_context(self.env.context)
        ).env
        ticket = rma = None
        if self.request_type in ("complaint", "both"):
            # acknowledged to the customer on creation
            ticket = env["helpdesk.ticket"].create(self._crm_ticket_values())
        if self.request_type in ("return", "both"):
            rma = env["rma"].create(self._crm_rma_values())
        if ticket and rma:
            ticket.message_post(
                body=env._("Return opened with this complaint: %(rma)s", rma=rma.name)
            )
        record = ticket or rma
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "views": [(False, "form")],
            "target": "current",
        }
