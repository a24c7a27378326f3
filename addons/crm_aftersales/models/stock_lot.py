# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL


class StockLot(models.Model):
    _inherit = "stock.lot"

    crm_complaint_count = fields.Integer(
        string="Complaints", compute="_compute_crm_complaint_count"
    )
    crm_quality_alert_date = fields.Datetime(
        string="Quality Alert", readonly=True, copy=False
    )

    @api.model
    def _crm_delivered_lots(self, order_lines):
        """``{sale order line: lots}``: the lots delivered to the customer on
        each line, read in one query for all of them."""
        # sudo: customer care reads the order lines, not the stock moves.
        move_lines = (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("move_id.sale_line_id", "in", order_lines.ids),
                    ("state", "=", "done"),
                    ("lot_id", "!=", False),
                    ("location_dest_id.usage", "=", "customer"),
                ]
            )
        )
        lots = defaultdict(lambda: self.browse())
        for move_line in move_lines:
            lots[move_line.move_id.sale_line_id] |= self.browse(move_line.lot_id.id)
        return lots

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

    def _crm_quality_alert_message(self, operation):
        """Why the lots under quality alert cannot be sold or delivered
        (``operation``: ``sell`` or ``deliver``), naming them."""
        lots = ", ".join(
            self.env._(
                "%(lot)s (%(product)s)",
                lot=lot.name,
                product=lot.product_id.display_name,
            )
            for lot in self
        )
        if operation == "sell":
            return self.env._(
                "Lot %(lots)s is under quality alert and cannot be sold: take "
                "it off the order and choose another lot.",
                lots=lots,
            )
        return self.env._(
            "Lot %(lots)s is under quality alert and cannot be delivered: an "
            "inventory or customer care manager validates the delivery with a "
            "reason, or choose another lot.",
            lots=lots,
        )
