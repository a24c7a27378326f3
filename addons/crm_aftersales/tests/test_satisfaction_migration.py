# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from pathlib import Path

from odoo.tests import tagged
from odoo.tools.sql import column_exists

from .common_complaint import ComplaintCase

MIGRATION = (
    Path(__file__).parent.parent
    / "migrations"
    / "19.0.1.2.0"
    / "post-satisfaction-survey.py"
)


@tagged("post_install", "-at_install")
class TestSatisfactionMigration(ComplaintCase):
    """A database of 19.0.1.1.0 kept the satisfaction scores on the rating:
    the upgrade turns each rated complaint into a satisfaction answer."""

    def _migrate(self):
        spec = importlib.util.spec_from_file_location("post_satisfaction", MIGRATION)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(self.env.cr, "19.0.1.1.0")

    def test_rating_scores_become_survey_answers(self):
        cr = self.env.cr
        cr.execute(
            "ALTER TABLE rating_rating ADD COLUMN crm_speed_score integer, "
            "ADD COLUMN crm_resolution_score integer, "
            "ADD COLUMN crm_attitude_score integer"
        )
        ticket = self._complaint("草莓不新鲜")
        rating = self.env["rating.rating"].create(
            {
                "res_model_id": self.env["ir.model"]._get("helpdesk.ticket").id,
                "res_id": ticket.id,
                "partner_id": self.member.id,
                "rating": 4,
                "feedback": "补发很及时",
                "consumed": True,
            }
        )
        self.env.flush_all()
        cr.execute(
            "UPDATE rating_rating SET crm_speed_score = 5, crm_resolution_score = 3,"
            " crm_attitude_score = 0 WHERE id = %s",
            [rating.id],
        )
        self._migrate()
        answer = ticket.crm_satisfaction_answer_ids
        self.assertEqual(
            (answer.state, answer.crm_origin, answer.partner_id),
            ("done", "rating", self.member),
        )
        # an unscored dimension (0) stays unanswered
        self.assertEqual(
            answer._crm_scores(), {"overall": 4, "speed": 5, "resolution": 3}
        )
        self.assertEqual(answer._crm_comment(), "补发很及时")
        self.assertFalse(column_exists(cr, "rating_rating", "crm_attitude_score"))
        self.assertTrue(
            self.env.ref(
                "crm_fresh_loyalty.mail_activity_type_store_visit"
            ).crm_asks_satisfaction
        )
