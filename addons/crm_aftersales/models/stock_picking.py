# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError

# Who may deliver a lot under quality alert, with a reason.
QUALITY_OVERRIDE_GROUPS = (
    "stock.group_stock_manager,crm_fresh_loyalty.group_customer_care_manager"
)


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        res = super()._action_done()
        # A reissue compensation is issued once its goods are delivered.
        orders = self.sale_id.filtered("crm_compensation_id")
        if orders:
            self.env["crm.complaint.compensation"]._mark_received(
                [("sale_order_id", "in", orders.ids)]
            )
        return res

    def _pre_action_done_hook(self):
        """Refuse to deliver a lot under quality alert: a manager is asked
        for a reason first (``crm.quality.override``), anyone else is told
        to ask one."""
        if not self.env.context.get("crm_quality_override"):
            lots = self._crm_quality_alert_lots()
            if lots:
                if not self.env.user.has_groups(QUALITY_OVERRIDE_GROUPS):
                    raise UserError(lots._crm_quality_alert_message("deliver"))
                return self._action_crm_quality_override(lots)
        return super()._pre_action_done_hook()

    def _crm_quality_alert_lots(self):
        """The lots under quality alert that the deliveries send out."""
        return (
            self.filtered(lambda picking: picking.picking_type_code == "outgoing")
            .move_line_ids.filtered("quantity")
            .lot_id.filtered("crm_quality_alert_date")
        )

    def _action_crm_quality_override(self, lots):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Deliver a Lot under Quality Alert"),
            "res_model": "crm.quality.override",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                **self.env.context,
                "default_picking_ids": self.ids,
                "default_lot_ids": lots.ids,
            },
        }
