# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common_complaint import ComplaintCase
from .common_rma import ReturnCase


class SatisfactionMixin:
    @classmethod
    def _satisfaction_setup(cls):
        cls.survey = cls.env.ref("crm_aftersales.survey_customer_satisfaction")
        cls.Answer = cls.env["survey.user_input"]
        cls.Report = cls.env["crm.satisfaction.report"]

    def _answers(self, **domain):
        return self.Answer.search([(key, "=", value) for key, value in domain.items()])

    def _invitations(self, answers):
        return self.env["crm.customer.message"].search(
            [
                ("res_model", "=", "survey.user_input"),
                ("res_id", "in", answers.ids),
                ("event", "=", "satisfaction_survey"),
            ]
        )

    def _scores(self, answer):
        self.env.flush_all()
        return {
            row.dimension: row.score
            for row in self.Report.search([("answer_id", "=", answer.id)])
        }


@tagged("post_install", "-at_install")
class TestComplaintSatisfaction(SatisfactionMixin, ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._satisfaction_setup()
        cls.cause = cls.env.ref("crm_aftersales.crm_complaint_cause_supplier")
        cls.callback_type = cls.env.ref(
            "crm_aftersales.mail_activity_type_complaint_callback"
        )

    def _closed_complaint(self, **vals):
        ticket = self._complaint(
            "苹果发霉",
            **{
                "team_id": self.team.id,
                "category_id": self.quality.id,
                "crm_resolution": "New box delivered",
                "crm_cause_id": self.cause.id,
                "crm_compensation_decision": "none",
                **vals,
            },
        )
        ticket.with_user(self.agent_1).stage_id = self.stage_done
        return ticket

    def _callback(self, ticket, user, **scores):
        form = Form(
            self.env["crm.satisfaction.callback"]
            .with_user(user)
            .with_context(active_model="helpdesk.ticket", active_id=ticket.id)
        )
        for dimension, score in scores.items():
            setattr(form, dimension, score)
        return form.save().action_record()

    def test_closing_invites_the_customer_on_the_preferred_channel(self):
        ticket = self._closed_complaint()
        answer = ticket.crm_satisfaction_answer_ids
        self.assertEqual(
            (answer.survey_id, answer.partner_id, answer.crm_origin, answer.state),
            (self.survey, self.member, "complaint", "new"),
        )
        self.assertEqual(
            (answer.crm_team_id, answer.crm_category_id), (self.team, self.quality)
        )
        invitation = self._invitations(answer)
        self.assertEqual(
            (invitation.partner_id, invitation.kind, invitation.channel),
            (self.member, "service", "email"),
        )
        mail = self.env["mail.mail"].search(
            [("model", "=", "survey.user_input"), ("res_id", "=", answer.id)]
        )
        self.assertIn(answer.get_start_url(), mail.body_html)

    def test_callback_records_the_answers_into_the_survey(self):
        ticket = self._closed_complaint()
        invited = ticket.crm_satisfaction_answer_ids
        self._callback(
            ticket,
            self.agent_1,
            overall="4",
            speed="3",
            resolution="5",
            cooperation="4",
            comment="送货很快",
        )
        self.assertEqual(ticket.crm_satisfaction_answer_ids, invited)
        self.assertEqual(
            (invited.state, invited.crm_callback_user_id), ("done", self.agent_1)
        )
        self.assertEqual(
            self._scores(invited),
            {"overall": 4, "speed": 3, "resolution": 5, "cooperation": 4},
        )
        self.assertEqual(invited._crm_comment(), "送货很快")
        # the callback to-do is done; the overall score is the ticket's rating
        self.assertFalse(
            ticket.activity_ids.filtered(
                lambda a: a.activity_type_id == self.callback_type
            )
        )
        self.assertEqual(ticket.rating_ids.rating, 4)
        self.assertTrue(ticket.closed)

    def test_callback_after_the_customer_answered_is_refused(self):
        ticket = self._closed_complaint()
        self._callback(ticket, self.agent_1, overall="5")
        with self.assertRaisesRegex(UserError, "already answered"):
            self._callback(ticket, self.agent_2, overall="2")
        self.assertEqual(len(ticket.crm_satisfaction_answer_ids), 1)

    def test_unsatisfied_customer_reopens_the_complaint(self):
        ticket = self._closed_complaint()
        self._callback(ticket, self.agent_1, overall="2")
        self.assertFalse(ticket.closed)
        self.assertTrue(
            ticket.activity_ids.filtered(lambda a: a.user_id == self.leader)
        )

    def test_report_by_dimension_team_and_category(self):
        quality = self._closed_complaint()
        logistics = self._closed_complaint(category_id=self.logistics.id)
        self._callback(quality, self.agent_1, overall="4", speed="2")
        self._callback(logistics, self.agent_2, overall="5", speed="4")
        self.env.flush_all()
        groups = self.Report.with_user(self.agent_1)._read_group(
            [("team_id", "=", self.team.id)],
            ["category_id", "dimension"],
            ["score:avg", "__count"],
        )
        self.assertEqual(
            sorted((c.name, d, s, n) for c, d, s, n in groups),
            sorted(
                [
                    (self.quality.name, "overall", 4, 1),
                    (self.quality.name, "speed", 2, 1),
                    (self.logistics.name, "overall", 5, 1),
                    (self.logistics.name, "speed", 4, 1),
                ]
            ),
        )
        by_dimension = dict(
            self.Report._read_group(
                [("team_id", "=", self.team.id), ("by_callback", "=", True)],
                ["dimension"],
                ["score:avg"],
            )
        )
        self.assertEqual(by_dimension, {"overall": 4.5, "speed": 3})

    def test_care_visit_done_asks_satisfaction(self):
        visit = self.env.ref("crm_fresh_loyalty.mail_activity_type_store_visit")
        activity = self.member.with_user(self.agent_1).activity_schedule(
            activity_type_id=visit.id, user_id=self.agent_1.id
        )
        activity.crm_outcome = "reached"
        activity.action_feedback(feedback="Visited the shop")
        answer = self._answers(partner_id=self.member.id, crm_origin="care_visit")
        self.assertEqual(len(answer), 1)
        self.assertEqual(len(self._invitations(answer)), 1)

    def test_care_visit_not_reached_asks_nothing(self):
        visit = self.env.ref("crm_fresh_loyalty.mail_activity_type_store_visit")
        activity = self.member.activity_schedule(activity_type_id=visit.id)
        activity.crm_outcome = "not_reached"
        activity.action_feedback()
        self.assertFalse(self._answers(partner_id=self.member.id))


@tagged("post_install", "-at_install")
class TestReturnSatisfaction(SatisfactionMixin, ReturnCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._satisfaction_setup()

    def test_refunded_return_asks_satisfaction_once(self):
        rma = self._create_return(2.0)
        self._confirm_and_receive(rma)
        self.assertFalse(rma.crm_satisfaction_answer_ids)
        self._inspect(rma)
        rma.action_refund()
        answer = rma.crm_satisfaction_answer_ids
        self.assertEqual(
            (answer.partner_id, answer.crm_origin), (self.customer, "return")
        )
        self.assertEqual(len(self._invitations(answer)), 1)
        rma._crm_request_satisfaction()
        self.assertEqual(rma.crm_satisfaction_answer_ids, answer)

    def test_replaced_return_asks_satisfaction(self):
        rma = self._create_return(3.0, operation=self.op_replace)
        self._confirm_and_receive(rma)
        self._inspect(rma, responsibility="warehouse")
        self._replace(rma)
        self.assertEqual(rma.crm_satisfaction_answer_ids.crm_origin, "return")
