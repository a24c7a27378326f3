# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    def action_crm_aftersales_request(self):
        """Open a complaint, a return or both about this line."""
        self.ensure_one()
        Request = self.env["crm.aftersales.request"]
        return Request._crm_open(Request._crm_pos_line_values(self))

    @api.model
    def crm_quality_alert_message(self, company_id, product_id, lot_names):
        """What the cashier is told on choosing lots of the product that are
        under quality alert, and which they are (``{"message": ...,
        "lot_names": [...]}``), or ``False`` when none is."""
        self.check_access("read")
        # the till reads lots as get_existing_lots does: a cashier need not
        # read the lots themselves, only learn which are under alert
        pack_lots_sudo = self.env["pos.pack.operation.lot"].sudo()
        product = self.env["product.product"].browse(product_id)
        lots_sudo = pack_lots_sudo._crm_quality_alert_lots(
            self.env["res.company"].browse(company_id),
            {(name, product) for name in lot_names},
        )
        return bool(lots_sudo) and {
            "message": lots_sudo._crm_quality_alert_message("sell"),
            "lot_names": lots_sudo.mapped("name"),
        }
