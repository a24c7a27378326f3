# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Satisfaction moves from the rating page to the satisfaction survey.

Each consumed rating of a complaint becomes a completed answer of the
survey (asked after: *Rating Page*): its rating is the overall score, its
response speed, problem solving and attitude scores (the seeds' cooperation
experience, 合作体验) those of the dimensions, its feedback the comment. The
satisfaction report and KPIs then read the past with the present. The
ratings stay (the customers' rating history); their score columns go.
"""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import column_exists

COLUMNS = {
    "speed": "crm_speed_score",
    "resolution": "crm_resolution_score",
    "cooperation": "crm_attitude_score",
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    visit = env.ref(
        "crm_fresh_loyalty.mail_activity_type_store_visit", raise_if_not_found=False
    )
    if visit:
        visit.crm_asks_satisfaction = True
    # The portal form asks complaint, suggestion or praise.
    env.ref("base.main_company").helpdesk_mgmt_portal_type = True
    if not all(column_exists(cr, "rating_rating", c) for c in COLUMNS.values()):
        return
    survey = env.ref(
        "crm_aftersales.survey_customer_satisfaction", raise_if_not_found=False
    )
    if survey:
        _migrate_ratings(env, survey)
    for column in COLUMNS.values():
        cr.execute(
            SQL(
                "ALTER TABLE rating_rating DROP COLUMN %s CASCADE",
                SQL.identifier(column),
            )
        )


def _migrate_ratings(env, survey):
    questions = {
        question.crm_satisfaction_dimension: question
        for question in survey.question_ids
        if question.crm_satisfaction_dimension
    }
    comment_question = survey.question_ids.filtered(
        lambda question: question.question_type == "text_box"
    )[:1]
    rows = env.execute_query_dict(
        SQL(
            """
            SELECT r.partner_id, r.rating, r.feedback, r.write_date,
                   r.crm_speed_score AS speed,
                   r.crm_resolution_score AS resolution,
                   r.crm_attitude_score AS cooperation,
                   t.id AS ticket_id, t.company_id
              FROM rating_rating r
              JOIN helpdesk_ticket t ON t.id = r.res_id
             WHERE r.res_model = 'helpdesk.ticket'
               AND r.consumed
               AND r.rating > 0
          ORDER BY r.id
            """
        )
    )
    vals_list = []
    for row in rows:
        scores = {"overall": round(row["rating"])}
        scores.update(
            (dimension, row[dimension])
            for dimension in COLUMNS
            if row[dimension] and dimension in questions
        )
        lines = [
            {
                "survey_id": survey.id,
                "question_id": questions[dimension].id,
                "answer_type": "scale",
                "value_scale": score,
            }
            for dimension, score in scores.items()
            if dimension in questions
        ]
        if row["feedback"] and comment_question:
            lines.append(
                {
                    "survey_id": survey.id,
                    "question_id": comment_question.id,
                    "answer_type": "text_box",
                    "value_text_box": row["feedback"],
                }
            )
        vals_list.append(
            {
                "survey_id": survey.id,
                "partner_id": row["partner_id"],
                "state": "done",
                "start_datetime": row["write_date"],
                "end_datetime": row["write_date"],
                "crm_origin": "rating",
                "crm_ticket_id": row["ticket_id"],
                "crm_company_id": row["company_id"],
                "user_input_line_ids": [(0, 0, line) for line in lines],
            }
        )
    env["survey.user_input"].create(vals_list)
