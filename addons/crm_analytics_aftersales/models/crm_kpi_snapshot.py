# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from odoo.addons.crm_analytics.models.crm_kpi_snapshot import FLOW, HIGHER, LEVEL, LOWER

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
    "satisfaction_cooperation",
)
SATISFACTION_DIMENSION_OF = dict(
    zip(
        SATISFACTION_KPIS,
        ("overall", "speed", "resolution", "cooperation"),
        strict=True,
    )
)
FEEDBACK_KPIS = ("suggestion_count", "praise_count")


class CrmKpiSnapshot(models.Model):
    """The after-sales KPIs, on the all-channels row (a ticket has no channel).

    Complaints are the helpdesk tickets of a complaint type of the company;
    *orders* are the orders of the period as in the customer KPIs; a *reply*
    is a message to the customer (comment or email, not an internal note)
    written by an internal user, as for the first response of the SLA.

    Complaints (``_crm_snapshot_complaints``):

    - ``complaint_count``: complaints received in the period.
    - ``complaint_rate`` (%): complaints received in the period / orders of
      the period.
    - ``first_response_hours``: average hours from reception to first
      response of the complaints received in the period and answered.
    - ``resolution_hours``: average hours from reception to closing of the
      complaints closed in the period.
    - ``first_contact_resolution_rate`` (%): complaints closed in the period
      with at most one reply / complaints closed in the period.
    - ``sla_compliance_rate`` (%): complaints received in the period whose
      SLA is not breached / complaints received in the period with an SLA
      status.

    Returns (``_crm_snapshot_returns``):

    - ``return_rate`` (%): returns (RMAs neither draft nor cancelled) dated
      in the period / orders of the period.

    Satisfaction (``_crm_snapshot_satisfaction``), over the satisfaction
    answers of the company completed in the period (the customers' on the
    survey and those recorded on callbacks; ``crm.satisfaction.report``):

    - ``satisfaction``: average overall score (1-5).
    - ``satisfaction_speed``, ``satisfaction_resolution``,
      ``satisfaction_cooperation``: average score of the dimension (1-5),
      the answers that left it unscored aside.

    Feedback (``_crm_snapshot_feedback``):

    - ``suggestion_count``, ``praise_count``: suggestions and praise
      received in the period (tickets of a feedback type).
    """

    _inherit = "crm.kpi.snapshot"

    @api.model
    def _crm_kpi_definitions(self):
        _ = self.env._
        return {
            **super()._crm_kpi_definitions(),
            "complaint_count": (_("Complaints"), LOWER, FLOW),
            "complaint_rate": (_("Complaint Rate (%)"), LOWER, LEVEL),
            "first_response_hours": (_("First Response Time (hours)"), LOWER, LEVEL),
            "resolution_hours": (_("Resolution Time (hours)"), LOWER, LEVEL),
            "first_contact_resolution_rate": (
                _("First-Contact Resolution Rate (%)"),
                HIGHER,
                LEVEL,
            ),
            "sla_compliance_rate": (_("SLA Compliance Rate (%)"), HIGHER, LEVEL),
            "return_rate": (_("Return Rate (%)"), LOWER, LEVEL),
            "satisfaction": (_("Satisfaction"), HIGHER, LEVEL),
            "satisfaction_speed": (_("Satisfaction: Response Speed"), HIGHER, LEVEL),
            "satisfaction_resolution": (
                _("Satisfaction: Problem Solving"),
                HIGHER,
                LEVEL,
            ),
            "satisfaction_cooperation": (
                _("Satisfaction: Cooperation Experience"),
                HIGHER,
                LEVEL,
            ),
            "suggestion_count": (_("Suggestions"), HIGHER, FLOW),
            "praise_count": (_("Praise"), HIGHER, FLOW),
        }

    @api.model
    def _crm_flush_kpi_sources(self):
        res = super()._crm_flush_kpi_sources()
        for model_name in (
            "helpdesk.ticket",
            "helpdesk.ticket.stage",
            "mail.message",
            "rma",
            "survey.user_input",
            "survey.user_input.line",
            "survey.question",
        ):
            self.env[model_name].flush_model()
        return res

    @api.model
    def _crm_kpi_families(self):
        return [
            *super()._crm_kpi_families(),
            self._crm_snapshot_complaints,
            self._crm_snapshot_returns,
            self._crm_snapshot_satisfaction,
            self._crm_snapshot_feedback,
        ]

    @api.model
    def _crm_order_count_sql(self, company, today, start):
        """The number of orders (refunds left out) of the period."""
        orders = self.env["crm.purchase.fact"].facts_sql(
            company,
            today,
            SQL("f.order_model, f.order_id"),
            where=SQL("NOT f.is_refund"),
            group_by=SQL("f.order_model, f.order_id"),
            date_from=start,
        )
        return SQL("(SELECT COUNT(*) FROM (%s) o)", orders)

    @api.model
    def _crm_snapshot_complaints(self, company, today, period):
        start, end = period
        figures = SQL(
            """
            WITH complaints AS (
                SELECT t.id, t.crm_received_date AS received,
                       t.crm_first_response_date AS responded,
                       t.crm_sla_status AS sla_status,
                       CASE WHEN s.closed THEN t.closed_date END AS closed
                  FROM helpdesk_ticket t
                  JOIN helpdesk_ticket_stage s ON s.id = t.stage_id
                 WHERE t.company_id = %(company)s
                   AND t.crm_is_complaint
                   AND t.active
            ),
            replies AS (
                SELECT m.res_id AS ticket_id, COUNT(*) AS replies
                  FROM mail_message m
                  JOIN mail_message_subtype st ON st.id = m.subtype_id
                 WHERE m.model = 'helpdesk.ticket'
                   AND m.res_id IN (SELECT id FROM complaints)
                   AND m.message_type IN ('comment', 'email')
                   AND st.internal IS NOT TRUE
                   AND EXISTS (SELECT 1 FROM res_users u
                                WHERE u.partner_id = m.author_id AND NOT u.share)
              GROUP BY m.res_id
            )
            SELECT 'all' AS channel,
                   %(orders)s AS orders,
                   COUNT(*) FILTER (WHERE c.received >= %(start)s
                                      AND c.received < %(end)s) AS received,
                   AVG(EXTRACT(EPOCH FROM c.responded - c.received) / 3600)
                       FILTER (WHERE c.received >= %(start)s
                                 AND c.received < %(end)s) AS response_hours,
                   AVG(EXTRACT(EPOCH FROM c.closed - c.received) / 3600)
                       FILTER (WHERE c.closed >= %(start)s
                                 AND c.closed < %(end)s) AS resolution_hours,
                   COUNT(*) FILTER (WHERE c.closed >= %(start)s
                                      AND c.closed < %(end)s) AS closed,
                   COUNT(*) FILTER (WHERE c.closed >= %(start)s
                                      AND c.closed < %(end)s
                                      AND COALESCE(r.replies, 0) <= 1)
                       AS first_contact,
                   COUNT(*) FILTER (WHERE c.received >= %(start)s
                                      AND c.received < %(end)s
                                      AND c.sla_status IS NOT NULL) AS sla_measured,
                   COUNT(*) FILTER (WHERE c.received >= %(start)s
                                      AND c.received < %(end)s
                                      AND c.sla_status <> 'breached') AS sla_met
              FROM complaints c
         LEFT JOIN replies r ON r.ticket_id = c.id
            """,
            company=company.id,
            orders=self._crm_order_count_sql(company, today, start),
            start=start,
            end=end,
        )
        return figures, [
            ("complaint_count", SQL("k.received")),
            ("complaint_rate", SQL("100.0 * k.received / NULLIF(k.orders, 0)")),
            ("first_response_hours", SQL("k.response_hours")),
            ("resolution_hours", SQL("k.resolution_hours")),
            (
                "first_contact_resolution_rate",
                SQL("100.0 * k.first_contact / NULLIF(k.closed, 0)"),
            ),
            (
                "sla_compliance_rate",
                SQL("100.0 * k.sla_met / NULLIF(k.sla_measured, 0)"),
            ),
        ]

    @api.model
    def _crm_snapshot_returns(self, company, today, period):
        start, end = period
        figures = SQL(
            """
            SELECT 'all' AS channel,
                   %(orders)s AS orders,
                   (SELECT COUNT(*) FROM rma
                     WHERE company_id = %(company)s
                       AND state NOT IN ('draft', 'cancelled')
                       AND date >= %(start)s AND date < %(end)s) AS returns
            """,
            company=company.id,
            orders=self._crm_order_count_sql(company, today, start),
            start=start,
            end=end,
        )
        return figures, [
            ("return_rate", SQL("100.0 * k.returns / NULLIF(k.orders, 0)"))
        ]

    @api.model
    def _crm_snapshot_satisfaction(self, company, today, period):
        start, end = period
        report = self.env["crm.satisfaction.report"]
        figures = SQL(
            """
            SELECT 'all' AS channel,
                   AVG(r.score) FILTER (WHERE r.dimension = 'overall') AS overall,
                   AVG(r.score) FILTER (WHERE r.dimension = 'speed') AS speed,
                   AVG(r.score) FILTER (WHERE r.dimension = 'resolution')
                       AS resolution,
                   AVG(r.score) FILTER (WHERE r.dimension = 'cooperation')
                       AS cooperation
              FROM (%(report)s) r
             WHERE r.company_id = %(company)s
               AND r.date >= %(start)s
               AND r.date < %(end)s
            """,
            report=report._table_query,
            company=company.id,
            start=start,
            end=end,
        )
        return figures, [
            ("satisfaction", SQL("k.overall")),
            ("satisfaction_speed", SQL("k.speed")),
            ("satisfaction_resolution", SQL("k.resolution")),
            ("satisfaction_cooperation", SQL("k.cooperation")),
        ]

    @api.model
    def _crm_snapshot_feedback(self, company, today, period):
        start, end = period
        figures = SQL(
            """
            SELECT 'all' AS channel,
                   COUNT(*) FILTER (WHERE t.crm_feedback_kind = 'suggestion')
                       AS suggestions,
                   COUNT(*) FILTER (WHERE t.crm_feedback_kind = 'praise') AS praise
              FROM helpdesk_ticket t
             WHERE t.company_id = %(company)s
               AND t.crm_feedback_kind IS NOT NULL
               AND t.active
               AND t.create_date >= %(start)s
               AND t.create_date < %(end)s
            """,
            company=company.id,
            start=start,
            end=end,
        )
        return figures, [
            ("suggestion_count", SQL("k.suggestions")),
            ("praise_count", SQL("k.praise")),
        ]

    # ------------------------------------------------------------------
    # Drill-down
    # ------------------------------------------------------------------

    # The records behind the after-sales KPIs, as their SQL counts them:
    #
    # - complaint count and rate, first response time, SLA compliance: the
    #   complaints received in the period;
    # - resolution time, first-contact resolution: the complaints closed in
    #   the period;
    # - return rate: the returns (neither draft nor cancelled) of the period;
    # - satisfaction and its dimensions: the scores of the satisfaction
    #   answers completed in the period;
    # - suggestions and praise: the feedback tickets received in the period.

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
            model = "crm.satisfaction.report"
            domain = Domain(
                [
                    ("company_id", "=", company.id),
                    ("dimension", "=", SATISFACTION_DIMENSION_OF[kpi]),
                    ("date", ">=", start),
                    ("date", "<", end),
                ]
            )
        elif kpi in FEEDBACK_KPIS:
            model = "helpdesk.ticket"
            domain = Domain(
                [
                    ("company_id", "=", company.id),
                    ("crm_feedback_kind", "=", kpi.removesuffix("_count")),
                    ("create_date", ">=", start),
                    ("create_date", "<", end),
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
