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
        lots = self._crm_quality_alert_lots(
            sold.order_id.company_id,
            {(pack.lot_name, pack.product_id) for pack in sold},
        )
        if lots:
            raise ValidationError(lots._crm_quality_alert_message("sell"))

    @api.model
    def _crm_quality_alert_lots(self, companies, pairs):
        """The lots under quality alert among the ``(lot name, product)``
        pairs, in the companies (or shared)."""
        lots = self.env["stock.lot"].search(
            [
                ("name", "in", list({name for name, _product in pairs})),
                ("product_id", "in", list({product.id for _name, product in pairs})),
                ("crm_quality_alert_date", "!=", False),
                ("company_id", "in", [*companies.ids, False]),
            ]
        )
        return lots.filtered(lambda lot: (lot.name, lot.product_id) in pairs)
