# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PosPackOperationLot(models.Model):
    _inherit = "pos.pack.operation.lot"

    crm_quality_override_reason = fields.Text(
        string="Quality Alert Override",
        readonly=True,
        help="Why a manager of the point of sale sold this lot although it is "
        "under quality alert; logged on the lot.",
    )

    @api.model
    def _load_pos_data_fields(self, config):
        return [*super()._load_pos_data_fields(config), "crm_quality_override_reason"]

    @api.constrains("lot_name", "pos_order_line_id", "crm_quality_override_reason")
    def _check_crm_quality_alert(self):
        """A lot under quality alert is not sold at the till: the order is
        refused when it reaches the server (refunds of the lot pass), unless
        a manager of the point of sale gave a reason on the line's lot."""
        sold = self.filtered(
            lambda pack: (
                pack.lot_name
                and pack.pos_order_line_id.qty > 0
                and not pack._crm_quality_overridden()
            )
        )
        if not sold:
            return
        lots = self._crm_quality_alert_lots(
            sold.order_id.company_id,
            {(pack.lot_name, pack.product_id) for pack in sold},
        )
        if lots:
            raise ValidationError(lots._crm_quality_alert_message("sell"))

    def _crm_quality_overridden(self):
        """A manager of the point of sale sold the lot, saying why."""
        self.ensure_one()
        return bool(
            self.crm_quality_override_reason
            and self.order_id._crm_rung_up_by_pos_manager()
        )

    def _crm_log_quality_overrides(self):
        """Log on each lot under quality alert sold with a manager's
        override: who sold it, in which order, and why."""
        overridden = self.filtered(
            lambda pack: (
                pack.pos_order_line_id.qty > 0 and pack._crm_quality_overridden()
            )
        )
        for pack in overridden:
            lots = self._crm_quality_alert_lots(
                pack.order_id.company_id, {(pack.lot_name, pack.product_id)}
            )
            # the till's user may not write lots: the note is the order's
            # trace, written once the order passed the manager's check
            for lot_sudo in lots.sudo():
                lot_sudo.message_post(
                    body=self.env._(
                        "Sold at the till under quality alert (order %(order)s), "
                        "overridden by %(manager)s: %(reason)s",
                        order=pack.order_id.name,
                        manager=pack.order_id._crm_pos_cashier_name(),
                        reason=pack.crm_quality_override_reason,
                    ),
                    subtype_xmlid="mail.mt_note",
                )

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
