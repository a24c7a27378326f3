# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

SCORES = [
    ("1", "Very Poor"),
    ("2", "Poor"),
    ("3", "Fair"),
    ("4", "Good"),
    ("5", "Excellent"),
]


class RatingRating(models.Model):
    """The dimensions of satisfaction next to the overall rating."""

    _inherit = "rating.rating"

    crm_speed_score = fields.Selection(SCORES, string="Response Speed")
    crm_resolution_score = fields.Selection(SCORES, string="Problem Solving")
    crm_attitude_score = fields.Selection(SCORES, string="Attitude")
