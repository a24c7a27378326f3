# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

PAID_STATES = ("paid", "done")


class PosOrder(models.Model):
    _inherit = "pos.order"

    @api.model
    def _process_order(self, order, existing_order):
        order_id = super()._process_order(order, existing_order)
        self.browse(order_id)._crm_log_recommendations_bought()
        return order_id

    def _crm_log_recommendations_bought(self):
        """Log the recommended products of paid orders as offered and bought
        (at the till, what is added is paid at once), once per order."""
        orders = self.filtered(
            lambda order: (
                order.state in PAID_STATES
                and order.partner_id
                and any(order.lines.mapped("crm_recommended"))
            )
        )
        if not orders:
            return
        # sudo: the log is the system's record, written for whoever syncs
        # the till's orders.
        Log = self.env["crm.recommendation.log"].sudo()
        logged = {
            (log.order_id, log.product_id.id)
            for log in Log.search(
                [("order_model", "=", self._name), ("order_id", "in", orders.ids)]
            )
        }
        vals_list = []
        for order in orders:
            for product in order.lines.filtered("crm_recommended").product_id:
                if (order.id, product.id) in logged:
                    continue
                vals_list.append(
                    {
                        "company_id": order.company_id.id,
                        "partner_id": order.partner_id.commercial_partner_id.id,
                        "product_id": product.id,
                        "channel": "pos",
                        "order_model": self._name,
                        "order_id": order.id,
                        "order_ref": order.name,
                        "added_on": order.date_order,
                        "bought_on": order.date_order,
                    }
                )
        Log.create(vals_list)
