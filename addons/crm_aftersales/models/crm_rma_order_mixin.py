# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmRmaOrderMixin(models.AbstractModel):
    """An order the customer can return goods of (sale orders, and POS
    orders with the POS bridge): its returns, their count, and the buttons
    that create and list them.

    The inheriting model declares ``rma_ids``, the returns whose
    ``_crm_rma_order_field`` (the field of ``rma`` pointing to the order) is
    the order.
    """

    _name = "crm.rma.order.mixin"
    _description = "Order with Returns"
    _crm_rma_order_field = None

    rma_count = fields.Integer(
        string="Return Count",
        compute="_compute_rma_count",
        groups="rma.rma_group_user_own",
    )

    def _compute_rma_count(self):
        counts = dict(
            self.env["rma"]._read_group(
                [(self._crm_rma_order_field, "in", self.ids)],
                [self._crm_rma_order_field],
                ["__count"],
            )
        )
        for order in self:
            order.rma_count = counts.get(order, 0)

    def _crm_rma_defaults(self):
        self.ensure_one()
        return {
            f"default_{self._crm_rma_order_field}": self.id,
            "default_partner_id": self.partner_id.id,
        }

    def action_create_rma(self):
        """A new return of this order, the customer and the order filled in."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return"),
            "res_model": "rma",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {**self._crm_rma_defaults(), "default_origin": self.name},
        }

    def action_view_rma(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("rma.rma_action")
        action["domain"] = [(self._crm_rma_order_field, "=", self.id)]
        action["context"] = self._crm_rma_defaults()
        return action
