# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class StockLot(models.Model):
    _inherit = "stock.lot"

    crm_complaint_count = fields.Integer(
        string="Complaints", compute="_compute_crm_complaint_count"
    )
    crm_quality_alert_date = fields.Datetime(
        string="Quality Alert", readonly=True, copy=False
    )

    def _compute_crm_complaint_count(self):
        counts = dict(
            self.env["helpdesk.ticket"]._read_group(
                [("crm_is_complaint", "=", True), ("crm_lot_id", "in", self.ids)],
                ["crm_lot_id"],
                ["__count"],
            )
        )
        for lot in self:
            lot.crm_complaint_count = counts.get(lot, 0)

    def _crm_check_quality_alert(self):
        """Alert the quality manager once per lot with K or more complaints.

        The alert date is set by a conditional UPDATE: of two transactions
        raising the same alert, only the one that sets it gets the lot back.
        """
        if not self:
            return self
        # the count is read again through _read_group, which flushes the
        # tickets itself; the UPDATE below reads the alert date
        self.flush_model(["crm_quality_alert_date"])
        self.invalidate_recordset(["crm_complaint_count"])
        lots = self.browse()
        for lot in self.filtered(lambda lot: not lot.crm_quality_alert_date):
            company = lot.company_id or self.env.company
            if lot.crm_complaint_count >= company.crm_lot_alert_count:
                lots |= lot
        if not lots:
            return lots
        rows = self.env.execute_query(
            SQL(
                """
                UPDATE stock_lot SET crm_quality_alert_date = NOW() AT TIME ZONE 'UTC'
                 WHERE id IN %s AND crm_quality_alert_date IS NULL
             RETURNING id
                """,
                tuple(lots.ids),
            )
        )
        alerted = self.browse([row[0] for row in rows])
        alerted.invalidate_recordset(["crm_quality_alert_date"])
        for lot in alerted:
            lot.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Quality alert: lot with repeated complaints"),
                note=self.env._(
                    "Lot %(lot)s of %(product)s has %(count)s complaints.",
                    lot=lot.name,
                    product=lot.product_id.display_name,
                    count=lot.crm_complaint_count,
                ),
                user_id=(
                    (lot.company_id or self.env.company).crm_quality_manager_id.id
                    or self.env.uid
                ),
            )
        return alerted

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------

    def _crm_demo_move(self, pickings, date):
        """Demo data: validate ``pickings`` with the goods of this lot, as
        moved on ``date`` (a delivery of the lot, or a return of it)."""
        self.ensure_one()
        moves = pickings.move_ids.filtered(
            lambda move: move.product_id == self.product_id
        )
        for move in moves:
            move.move_line_ids.unlink()
            move.write(
                {
                    "move_line_ids": [
                        Command.create(
                            {
                                "product_id": move.product_id.id,
                                "lot_id": self.id,
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
