# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, models
from odoo.exceptions import UserError


class CrmDemoStory(models.AbstractModel):
    _inherit = "crm.demo.story"

    @api.model
    def _move_lot(self, lot_id, pickings, date):
        """Validate ``pickings`` with the goods of the lot, as moved on
        ``date`` (a delivery of the lot, or a return of it)."""
        lot = self.env["stock.lot"].browse(lot_id)
        moves = pickings.move_ids.filtered(
            lambda move: move.product_id == lot.product_id
        )
        for move in moves:
            move.move_line_ids.unlink()
            move.write(
                {
                    "move_line_ids": [
                        Command.create(
                            {
                                "product_id": move.product_id.id,
                                "lot_id": lot.id,
                                "quantity": move.product_uom_qty,
                                "product_uom_id": move.product_uom.id,
                                "location_id": move.location_id.id,
                                "location_dest_id": move.location_dest_id.id,
                                "picking_id": move.picking_id.id,
                            }
                        )
                    ],
                    "picked": True,
                }
            )
        if pickings.with_context(skip_sms=True).button_validate() is not True:
            raise UserError(
                self.env._(
                    "Demo data: %(pickings)s could not be validated at once.",
                    pickings=", ".join(pickings.mapped("name")),
                )
            )
        pickings.write({"date_done": date})
        moves.write({"date": date})
        moves.move_line_ids.write({"date": date})
