# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.fields import Domain

# The complaints each KPI counts: received in the period, or closed in it.
RECEIVED_COMPLAINT_KPIS = (
    "complaint_count",
    "complaint_rate",
    "first_response_hours",
    "sla_compliance_rate",
)
CLOSED_COMPLAINT_KPIS = ("resolution_hours", "first_contact_resolution_rate")
SATISFACTION_KPIS = (
    "satisfaction",
    "satisfaction_speed",
    "satisfaction_resolution",
    "satisfaction_attitude",
)


class CrmKpiSnapshot(models.Model):
    """The records behind the after-sales KPIs, as their SQL counts them:

    - complaint count and rate, first response time, SLA compliance: the
      complaints received in the period;
    - resolution time, first-contact resolution: the complaints closed in
      the period;
    - return rate: the returns (neither draft nor cancelled) of the period;
    - satisfaction and its dimensions: the tickets rated in the period.
    """

    _inherit = "crm.kpi.snapshot"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _crm_kpi_records_action(self, kpi, company, channel, day):
        _previous, start, end = self._crm_kpi_period(company, day)
        start, end = fields.Datetime.to_string(start), fields.Datetime.to_string(end)
        complaints = Domain(
            [("company_id", "=", company.id), ("crm_is_complaint", "=", True)]
        )
        if kpi in RECEIVED_COMPLAINT_KPIS:
            model = "helpdesk.ticket"
            domain = complaints & Domain(
                [("crm_received_date", ">=", start), ("crm_received_date", "<", end)]
            )
        elif kpi in CLOSED_COMPLAINT_KPIS:
            model = "helpdesk.ticket"
            domain = complaints & Domain(
                [
                    ("stage_id.closed", "=", True),
                    ("closed_date", ">=", start),
                    ("closed_date", "<", end),
                ]
            )
        elif kpi in SATISFACTION_KPIS:
            model = "helpdesk.ticket"
            domain = Domain(
                [
                    ("company_id", "=", company.id),
                    (
                        "rating_ids",
                        "any",
                        [
                            ("consumed", "=", True),
                            ("rating", ">", 0),
                            ("write_date", ">=", start),
                            ("write_date", "<", end),
                        ],
                    ),
                ]
            )
        elif kpi == "return_rate":
            model = "rma"
            domain = Domain(
                [
                    ("company_id", "=", company.id),
                    ("state", "not in", ("draft", "cancelled")),
                    ("date", ">=", start),
                    ("date", "<", end),
                ]
            )
        else:
            return super()._crm_kpi_records_action(kpi, company, channel, day)
        return self._crm_kpi_window_action(kpi, company, channel, day, model, domain)
