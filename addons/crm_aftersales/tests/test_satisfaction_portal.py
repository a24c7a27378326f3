# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common_complaint import ComplaintCase


@tagged("post_install", "-at_install")
class TestSatisfactionPortal(ComplaintCase, HttpCase):
    """The customer answers the invitation on survey's own pages, without
    logging in: the answer token of the link is the access."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("crm_aftersales.survey_customer_satisfaction")
        cls.questions = {
            question.crm_satisfaction_dimension or "comment": question
            for question in cls.survey.question_ids
        }
        ticket = cls._complaint(
            "草莓不新鲜",
            team_id=cls.team.id,
            category_id=cls.quality.id,
            crm_resolution="Reissued",
            crm_cause_id=cls.env.ref("crm_aftersales.crm_complaint_cause_supplier").id,
            crm_compensation_decision="none",
        )
        ticket.stage_id = cls.stage_done
        cls.ticket = ticket
        cls.answer = ticket.crm_satisfaction_answer_ids

    def _submit(self, values):
        survey_token, answer_token = self.survey.access_token, self.answer.access_token
        response = self.url_open(
            f"/survey/start/{survey_token}?answer_token={answer_token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Customer Satisfaction", response.text)
        base = self.survey.get_base_url()
        self.url_open(
            f"{base}/survey/begin/{survey_token}/{answer_token}",
            json={"params": {"lang_code": "en_US"}},
        )
        return self.url_open(
            f"{base}/survey/submit/{survey_token}/{answer_token}",
            json={
                "params": {
                    **{str(self.questions[k].id): v for k, v in values.items()},
                    "token": answer_token,
                    "button_submit": "finish",
                }
            },
        )

    def test_customer_answers_on_the_survey_pages(self):
        response = self._submit(
            {
                "overall": "5",
                "speed": "4",
                "resolution": "5",
                "cooperation": "3",
                "comment": "谢谢",
            }
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("error", response.json())
        self.answer.invalidate_recordset()
        self.assertEqual(self.answer.state, "done")
        self.assertFalse(self.answer.crm_callback_user_id)
        self.assertEqual(
            self.answer._crm_scores(),
            {"overall": 5, "speed": 4, "resolution": 5, "cooperation": 3},
        )
        self.assertEqual(self.ticket.rating_ids.rating, 5)
        self.assertEqual(self.ticket.rating_ids.feedback, "谢谢")

    def test_overall_score_is_mandatory(self):
        response = self._submit({"speed": "4"})
        _correct_answers, error = response.json()["result"]
        self.assertEqual(
            error["fields"],
            {str(self.questions["overall"].id): "This question requires an answer."},
        )
        self.answer.invalidate_recordset()
        self.assertNotEqual(self.answer.state, "done")

    def test_satisfaction_survey_tour(self):
        self.start_tour(self.answer.get_start_url(), "crm_satisfaction_survey")
        self.answer.invalidate_recordset()
        self.assertEqual(self.answer.state, "done")
        self.assertEqual(
            self.answer._crm_scores(),
            {"overall": 4, "speed": 5, "resolution": 3, "cooperation": 4},
        )
        self.assertEqual(self.answer._crm_comment(), "草莓很新鲜")
