# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class PosOrder(models.Model):
    _inherit = "pos.order"

    rma_ids = fields.One2many(
        "rma", "pos_order_id", string="Returns", groups="rma.rma_group_user_own"
    )
    rma_count = fields.Integer(
        string="Return Count",
        compute="_compute_rma_count",
        groups="rma.rma_group_user_own",
    )

    @api.depends("rma_ids")
    def _compute_rma_count(self):
        counts = dict(
            self.env["rma"]._read_group(
                [("pos_order_id", "in", self.ids)], ["pos_order_id"], ["__count"]
            )
        )
        for order in self:
            order.rma_count = counts.get(order, 0)

    def action_create_rma(self):
        """A new return of this POS order, the customer and the order filled in."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Return"),
            "res_model": "rma",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {
                "default_pos_order_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_origin": self.name,
            },
        }

    def action_view_rma(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("rma.rma_action")
        action["domain"] = [("pos_order_id", "=", self.id)]
        action["context"] = {
            "default_pos_order_id": self.id,
            "default_partner_id": self.partner_id.id,
        }
        return action
