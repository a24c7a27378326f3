# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import AccessError

from ..models.stock_picking import QUALITY_OVERRIDE_GROUPS


class CrmQualityOverride(models.TransientModel):
    """A manager delivers lots under quality alert, saying why: the reason
    is logged on the deliveries and on the lots."""

    _name = "crm.quality.override"
    _description = "Deliver a Lot under Quality Alert"

    picking_ids = fields.Many2many(
        "stock.picking", string="Deliveries", required=True, readonly=True
    )
    lot_ids = fields.Many2many(
        "stock.lot", string="Lots under Quality Alert", required=True, readonly=True
    )
    reason = fields.Text(
        required=True,
        help="Why these lots may leave despite the quality alert (checked "
        "again, customer informed...): logged on the deliveries and the lots.",
    )

    def action_validate(self):
        self.ensure_one()
        if not self.env.user.has_groups(QUALITY_OVERRIDE_GROUPS):
            raise AccessError(self.lot_ids._crm_quality_alert_message("deliver"))
        body = self.env._(
            "Delivered under quality alert (lots %(lots)s), overridden by "
            "%(user)s: %(reason)s",
            lots=", ".join(self.lot_ids.mapped("name")),
            user=self.env.user.name,
            reason=self.reason,
        )
        for record in [*self.picking_ids, *self.lot_ids]:
            record.message_post(body=body, subtype_xmlid="mail.mt_note")
        # the defaults of this wizard must not reach the moves of a backorder
        context = {
            key: value
            for key, value in self.env.context.items()
            if not key.startswith("default_")
        }
        return self.picking_ids.with_context(
            context, crm_quality_override=True
        ).button_validate()
