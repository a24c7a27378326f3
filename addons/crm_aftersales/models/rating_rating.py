# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

SCORE_RANGE = range(1, 6)


class RatingRating(models.Model):
    """The dimensions of satisfaction next to the overall rating, scored 1 to
    5 (0: not scored) and averaged in reports."""

    _inherit = "rating.rating"

    crm_speed_score = fields.Integer(string="Response Speed", aggregator="avg")
    crm_resolution_score = fields.Integer(string="Problem Solving", aggregator="avg")
    crm_attitude_score = fields.Integer(string="Attitude", aggregator="avg")

    _crm_scores_range = models.Constraint(
        "CHECK(crm_speed_score BETWEEN 0 AND 5 AND crm_resolution_score BETWEEN 0 "
        "AND 5 AND crm_attitude_score BETWEEN 0 AND 5)",
        "Satisfaction scores go from 1 to 5.",
    )
