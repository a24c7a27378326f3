# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import ValidationError


class PosPackOperationLot(models.Model):
    _inherit = "pos.pack.operation.lot"

    @api.constrains("lot_name", "pos_order_line_id")
    def _check_crm_quality_alert(self):
        """A lot under quality alert is not sold at the till: the order is
        refused when it reaches the server (refunds of the lot pass)."""
        sold = self.filtered(
            lambda pack: pack.lot_name and pack.pos_order_line_id.qty > 0
        )
        if not sold:
            return
        lots = self.env["stock.lot"].search(
            [
                ("name", "in", list(set(sold.mapped("lot_name")))),
                ("product_id", "in", sold.product_id.ids),
                ("crm_quality_alert_date", "!=", False),
                ("company_id", "in", [*sold.order_id.company_id.ids, False]),
            ]
        )
        pairs = {(pack.lot_name, pack.product_id) for pack in sold}
        lots = lots.filtered(lambda lot: (lot.name, lot.product_id) in pairs)
        if lots:
            raise ValidationError(lots._crm_quality_alert_message("sell"))
