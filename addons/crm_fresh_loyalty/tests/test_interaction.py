# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import CustomerCareCase


@tagged("post_install", "-at_install")
class TestInteraction(CustomerCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.call = cls.env.ref("crm_fresh_loyalty.mail_activity_type_call")
        cls.visit = cls.env.ref("crm_fresh_loyalty.mail_activity_type_store_visit")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Wang Fang", "customer_rank": 1, "user_id": cls.care_user.id}
        )
        cls.today = fields.Date.context_today(cls.customer)
        cls.agent = new_test_user(
            cls.env,
            login="care_agent",
            groups="crm_fresh_loyalty.group_customer_care_user,"
            "base.group_partner_manager",
        )

    def _call(self, **vals):
        return self.customer.activity_schedule(
            act_type_xmlid="crm_fresh_loyalty.mail_activity_type_call",
            summary="Ask about the weekly vegetable box",
            user_id=self.care_user.id,
            **vals,
        )

    def _interactions(self):
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("crm_partner_id", "=", self.customer.id),
                    ("active", "=", False),
                    ("activity_type_id.crm_is_interaction", "=", True),
                ]
            )
        )

    def test_interaction_types(self):
        interaction_types = self.env["mail.activity.type"].search(
            [("crm_is_interaction", "=", True)]
        )
        self.assertEqual(
            set(interaction_types.get_external_id().values()),
            {
                f"crm_fresh_loyalty.mail_activity_type_{name}"
                for name in (
                    "call",
                    "store_visit",
                    "wechat",
                    "sms",
                    "email",
                    "callback",
                )
            },
        )

    def test_done_message_shows_summary_outcome_next_step(self):
        activity = self._call(
            crm_outcome="follow_up", crm_next_step="Send the autumn price list"
        )
        activity.action_feedback(feedback="Likes the organic carrots")
        message = self.customer.message_ids[0]
        self.assertEqual(message.mail_activity_type_id, self.call)
        body = str(message.body)
        self.assertIn("Ask about the weekly vegetable box", body)
        self.assertIn("Likes the organic carrots", body)
        self.assertIn("Outcome:", body)
        self.assertIn("Reached, follow-up needed", body)
        self.assertIn("Send the autumn price list", body)

    def test_done_message_without_outcome_is_odoo_standard(self):
        self._call().action_feedback()
        self.assertNotIn("Outcome:", str(self.customer.message_ids[0].body))

    def test_done_interaction_stays_listed_with_its_customer(self):
        activity = self._call(crm_outcome="agreed")
        activity.action_done()
        self.assertEqual(self._interactions(), activity)
        # Odoo stamps the day it was done in UTC (mail.activity._compute_date_done)
        self.assertEqual(activity.date_done, fields.Date.today())
        self.assertEqual(activity.crm_outcome, "agreed")

    def test_done_interaction_plans_next_step(self):
        due = self.today + timedelta(days=14)
        activity = self._call(
            crm_outcome="follow_up",
            crm_next_step="Visit with the new catalogue",
            crm_next_step_type_id=self.visit.id,
            crm_next_step_date=due,
        )
        activity.action_done()
        planned = self.customer.activity_ids
        self.assertEqual(len(planned), 1)
        self.assertEqual(planned.activity_type_id, self.visit)
        self.assertEqual(planned.date_deadline, due)
        self.assertEqual(planned.user_id, self.care_user)
        self.assertIn("Visit with the new catalogue", str(planned.note))
        self.assertIn("Store visit", str(self.customer.message_ids[0].body))

    def test_next_step_type_needs_a_date(self):
        with self.assertRaisesRegex(ValidationError, "Next Step"):
            self._call(crm_next_step_type_id=self.visit.id)

    def test_activity_on_other_model_has_no_customer(self):
        activity = self.care_user.partner_id.activity_schedule(
            act_type_xmlid="crm_fresh_loyalty.mail_activity_type_call"
        )
        self.assertEqual(activity.crm_partner_id, self.care_user.partner_id)
        order_model = self.env["ir.model"]._get("res.users")
        other = self.env["mail.activity"].create(
            {
                "res_model_id": order_model.id,
                "res_id": self.care_user.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            }
        )
        self.assertFalse(other.crm_partner_id)

    # Log interaction wizard

    def _log(self, **vals):
        action = self.customer.with_user(self.agent).action_crm_log_interaction()
        wizard_form = Form(
            self.env[action["res_model"]]
            .with_user(self.agent)
            .with_context(**action["context"])
        )
        wizard_form.activity_type_id = self.call
        wizard_form.summary = "Complaint about late delivery"
        wizard_form.outcome = "agreed"
        for name, value in vals.items():
            setattr(wizard_form, name, value)
        return wizard_form.save()

    def test_log_interaction_records_done_interaction(self):
        yesterday = self.today - timedelta(days=1)
        self._log(date=yesterday, next_step="Deliver before 10 am").action_log()
        interaction = self._interactions()
        self.assertEqual(len(interaction), 1)
        self.assertEqual(interaction.activity_type_id, self.call)
        self.assertEqual(interaction.user_id, self.agent)
        self.assertEqual(interaction.date_done, yesterday)
        self.assertEqual(interaction.crm_outcome, "agreed")
        self.assertFalse(self.customer.activity_ids)
        body = str(self.customer.message_ids[0].body)
        self.assertIn("Complaint about late delivery", body)
        self.assertIn("Reached, agreement", body)
        self.assertIn("Deliver before 10 am", body)

    def test_log_interaction_plans_next_step(self):
        due = self.today + timedelta(days=3)
        self._log(next_step_type_id=self.visit, next_step_date=due).action_log()
        self.assertEqual(self.customer.activity_ids.activity_type_id, self.visit)
        self.assertEqual(self.customer.activity_ids.user_id, self.agent)
        self.assertEqual(self.customer.activity_ids.date_deadline, due)

    def test_log_interaction_in_future_refused(self):
        with self.assertRaisesRegex(ValidationError, "Date"):
            self._log(date=self.today + timedelta(days=1))
        self.assertFalse(self._interactions())

    def test_interactions_menu_opens(self):
        menus = self.assertMenusOpen(
            self.care_user, "crm_fresh_loyalty.menu_customer_care_root"
        )
        self.assertIn(
            self.env.ref("crm_fresh_loyalty.mail_activity_menu_interactions"), menus
        )

    def test_interactions_report_lists_own_interactions_for_user(self):
        self._call(crm_outcome="agreed").action_done()
        self.customer.activity_schedule(
            act_type_xmlid="mail.mail_activity_data_todo", user_id=self.care_user.id
        ).action_done()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "crm_fresh_loyalty.mail_activity_action_interactions"
        )
        found = (
            self.env["mail.activity"]
            .with_user(self.care_user)
            .with_context(active_test=False)
            .search(
                safe_eval(action["domain"])
                + [("crm_partner_id", "=", self.customer.id)]
            )
        )
        self.assertEqual(found.activity_type_id, self.call)
        self.assertEqual(found.crm_outcome, "agreed")
