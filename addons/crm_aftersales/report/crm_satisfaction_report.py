# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from ..models.survey_question import SATISFACTION_DIMENSIONS
from ..models.survey_user_input import SATISFACTION_ORIGINS


class CrmSatisfactionReport(models.Model):
    """One row per score of a completed satisfaction answer: the answer to a
    scale question that measures a dimension (overall, response speed,
    problem solving, cooperation experience), with what the answer followed
    (its complaint's team and category, its return's team) and who gave it
    (the customer, or a care user on a callback)."""

    _name = "crm.satisfaction.report"
    _description = "Satisfaction Report"
    _auto = False
    _order = "date desc"

    answer_id = fields.Many2one("survey.user_input", readonly=True)
    survey_id = fields.Many2one("survey.survey", readonly=True)
    dimension = fields.Selection(SATISFACTION_DIMENSIONS, readonly=True)
    score = fields.Float(readonly=True, aggregator="avg")
    count = fields.Integer(string="Answers", readonly=True, aggregator="sum")
    date = fields.Datetime(readonly=True)
    origin = fields.Selection(SATISFACTION_ORIGINS, string="Asked After", readonly=True)
    by_callback = fields.Boolean(string="Callback", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    ticket_id = fields.Many2one("helpdesk.ticket", string="Complaint", readonly=True)
    rma_id = fields.Many2one("rma", string="Return", readonly=True)
    team_id = fields.Many2one(
        "helpdesk.ticket.team", string="Complaint Team", readonly=True
    )
    category_id = fields.Many2one("helpdesk.ticket.category", readonly=True)
    rma_team_id = fields.Many2one("rma.team", string="Return Team", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT l.id AS id,
                   a.id AS answer_id,
                   a.survey_id AS survey_id,
                   q.crm_satisfaction_dimension AS dimension,
                   l.value_scale AS score,
                   1 AS count,
                   COALESCE(a.end_datetime, a.write_date) AS date,
                   a.crm_origin AS origin,
                   a.crm_callback_user_id IS NOT NULL AS by_callback,
                   a.partner_id AS partner_id,
                   a.crm_ticket_id AS ticket_id,
                   a.crm_rma_id AS rma_id,
                   a.crm_team_id AS team_id,
                   a.crm_category_id AS category_id,
                   a.crm_rma_team_id AS rma_team_id,
                   a.crm_company_id AS company_id
              FROM survey_user_input_line l
              JOIN survey_user_input a ON a.id = l.user_input_id
              JOIN survey_question q ON q.id = l.question_id
             WHERE a.state = 'done'
               AND NOT COALESCE(a.test_entry, FALSE)
               AND q.crm_satisfaction_dimension IS NOT NULL
               AND l.answer_type = 'scale'
               AND NOT COALESCE(l.skipped, FALSE)
            """
        )
