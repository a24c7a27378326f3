# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

SATISFACTION_DIMENSIONS = [
    ("overall", "Overall"),
    ("speed", "Response Speed"),
    ("resolution", "Problem Solving"),
    ("cooperation", "Cooperation Experience"),
]


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    crm_satisfaction_dimension = fields.Selection(
        SATISFACTION_DIMENSIONS,
        string="Satisfaction Dimension",
        index="btree_not_null",
        help="The answers to this scale question are the scores of this "
        "dimension in the satisfaction report and KPIs.",
    )

    @api.constrains("crm_satisfaction_dimension", "question_type")
    def _check_crm_satisfaction_dimension(self):
        for question in self:
            if (
                question.crm_satisfaction_dimension
                and question.question_type != "scale"
            ):
                raise ValidationError(
                    self.env._(
                        "Question %(question)s: a Satisfaction Dimension is "
                        "scored, so the question must be of type Scale.",
                        question=question.title,
                    )
                )
