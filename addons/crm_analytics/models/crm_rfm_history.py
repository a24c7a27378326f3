# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

from .crm_customer_analytics import RFM_SEGMENTS


class CrmRfmHistory(models.Model):
    """The RFM segment of a customer in a month: the last computation of the
    month is kept, so every month has one row per scored customer."""

    _name = "crm.rfm.history"
    _description = "RFM Segment History"
    _order = "month desc, partner_id"
    _rec_name = "partner_id"
    # Written set-wise by the nightly run only: no create/write stamps, whose
    # user foreign keys cost a check per row on every rewrite.
    _log_access = False

    month = fields.Date(required=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    segment = fields.Selection(RFM_SEGMENTS, readonly=True)
    r_score = fields.Integer(string="R", readonly=True, aggregator="avg")
    f_score = fields.Integer(string="F", readonly=True, aggregator="avg")
    m_score = fields.Integer(string="M", readonly=True, aggregator="avg")

    _month_partner_company_unique = models.Constraint(
        "UNIQUE(month, partner_id, company_id)",
        "A customer has one segment per month and company.",
    )

    @api.model
    def _crm_snapshot(self, company, today):
        """Copy the current segments of the company into this month's rows.

        Rows are written in the order of the unique index (see
        ``crm.customer.analytics._step_rfm``), and a row that already
        holds the same segment and scores is left alone: after the first
        night of a month, only the customers whose scores moved are written.
        """
        self.env["crm.customer.analytics"].flush_model(
            ["partner_id", "company_id", "segment", "r_score", "f_score", "m_score"]
        )
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO crm_rfm_history AS h (
                    month, partner_id, company_id, segment,
                    r_score, f_score, m_score)
                SELECT %(month)s, a.partner_id, a.company_id, a.segment,
                       a.r_score, a.f_score, a.m_score
                  FROM crm_customer_analytics a
                 WHERE a.company_id = %(company)s AND a.segment IS NOT NULL
              ORDER BY a.partner_id
                ON CONFLICT (month, partner_id, company_id) DO UPDATE
                   SET segment = EXCLUDED.segment,
                       r_score = EXCLUDED.r_score,
                       f_score = EXCLUDED.f_score,
                       m_score = EXCLUDED.m_score
                 WHERE (h.segment, h.r_score, h.f_score, h.m_score)
                       IS DISTINCT FROM (EXCLUDED.segment, EXCLUDED.r_score,
                                         EXCLUDED.f_score, EXCLUDED.m_score)
                """,
                month=today.replace(day=1),
                company=company.id,
            )
        )
        self.invalidate_model()
