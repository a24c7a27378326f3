# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


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
