# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request, route

from odoo.addons.rating.controllers.main import Rating

from ..models.rating_rating import SCORE_RANGE

DIMENSIONS = ("crm_speed_score", "crm_resolution_score", "crm_attitude_score")


class RatingComplaint(Rating):
    @route()
    def action_submit_rating(self, token, rate=0, **kwargs):
        """Keep the satisfaction dimensions a customer scored with the rating."""
        response = super().action_submit_rating(token, rate=rate, **kwargs)
        if request.httprequest.method == "POST":
            rating_sudo, _record_sudo = self._get_rating_and_record(token)
            scores = {str(score): score for score in SCORE_RANGE}
            vals = {
                fname: scores[kwargs[fname]]
                for fname in DIMENSIONS
                if kwargs.get(fname) in scores
            }
            if vals:
                rating_sudo.write(vals)
        return response
