# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class CrmImprovementReport(models.TransientModel):
    """The improvement report of a period, to publish: the improvement
    actions closed in the period with their root cause and result, those
    still open, and the complaints by root cause that called for them."""

    _name = "crm.improvement.report"
    _description = "Improvement Report"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.context_today)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        if any(report.date_from > report.date_to for report in self):
            raise ValidationError(
                self.env._("Improvement report: the From date must not be after To.")
            )

    def _period(self):
        self.ensure_one()
        return (
            datetime.combine(self.date_from, time.min),
            datetime.combine(self.date_to, time.max),
        )

    def _closed_actions(self):
        start, end = self._period()
        return self.env["mgmtsystem.action"].search(
            [
                ("company_id", "in", [self.company_id.id, False]),
                ("crm_is_closed", "=", True),
                ("date_closed", ">=", start),
                ("date_closed", "<=", end),
            ],
            order="date_closed, id",
        )

    def _open_actions(self):
        end = self._period()[1]
        return self.env["mgmtsystem.action"].search(
            Domain("company_id", "in", [self.company_id.id, False])
            & Domain("create_date", "<=", end)
            & Domain("stage_id.is_ending", "=", False),
            order="date_deadline, id",
        )

    def _causes(self):
        """The complaints and returns of the period by root cause: (cause,
        complaints, returns), most frequent first."""
        start, end = self._period()
        groups = self.env["crm.complaint.cause.report"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("date", ">=", start),
                ("date", "<=", end),
                ("cause_id", "!=", False),
            ],
            ["cause_id", "source"],
            ["count:sum"],
        )
        counts = {}
        for cause, source, count in groups:
            counts.setdefault(cause, {"complaint": 0, "return": 0})[source] = count
        return sorted(
            ((cause, c["complaint"], c["return"]) for cause, c in counts.items()),
            key=lambda row: -(row[1] + row[2]),
        )

    def action_print(self):
        self.ensure_one()
        return self.env.ref(
            "crm_aftersales.action_report_crm_improvement"
        ).report_action(self)
