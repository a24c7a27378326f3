# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo.tests import freeze_time, tagged

from .test_value_category import ValueCategoryCase


@tagged("post_install", "-at_install")
class TestCareCadence(ValueCategoryCase):
    """Key customers get a store visit every 3 months."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls.env.ref("crm_fresh_loyalty.mail_activity_type_store_visit")
        cls.call = cls.env.ref("crm_fresh_loyalty.mail_activity_type_call")
        cls.key.write(
            {
                "care_activity_type_id": cls.visit.id,
                "care_interval": 3,
                "care_interval_unit": "months",
            }
        )
        (cls.alice | cls.bob | cls.carol).user_id = cls.care_user
        cls.env["crm.value.category"]._crm_evaluate()
        cls.later = cls.now + relativedelta(months=4)

    def _plan(self, now):
        return self.env["crm.value.category"]._crm_plan_care(now=now)

    def _open_activities(self, partner):
        return self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
        )

    def test_planned_for_account_manager_once_cadence_elapsed(self):
        activities = self._plan(self.later)
        self.assertEqual(activities.mapped("res_id"), self.alice.ids)
        self.assertEqual(activities.activity_type_id, self.visit)
        self.assertEqual(activities.user_id, self.care_user)

    def test_not_planned_before_cadence_elapsed(self):
        self.assertFalse(self._plan(self.now + relativedelta(months=2)))

    def test_running_twice_plans_once(self):
        self._plan(self.later)
        self.assertFalse(self._plan(self.later))
        self.assertEqual(len(self._open_activities(self.alice)), 1)

    def test_not_planned_when_open_interaction_exists(self):
        self.alice.activity_schedule(
            "crm_fresh_loyalty.mail_activity_type_call", user_id=self.care_user.id
        )
        self.assertFalse(self._plan(self.later))

    def test_recent_interaction_postpones(self):
        activity = self.alice.activity_schedule(
            "crm_fresh_loyalty.mail_activity_type_call", user_id=self.care_user.id
        )
        with freeze_time(self.now + relativedelta(months=3)):
            activity.action_feedback(feedback="Talked about the new season")
        self.assertFalse(self._plan(self.later))
        self.assertTrue(self._plan(self.now + relativedelta(months=7)))

    def test_planned_again_after_done_and_cadence_elapsed(self):
        activity = self._plan(self.later)
        with freeze_time(self.later):
            activity.action_feedback(feedback="Visited")
        self.assertFalse(self._plan(self.later + relativedelta(months=1)))
        activities = self._plan(self.later + relativedelta(months=4))
        self.assertEqual(activities.mapped("res_id"), self.alice.ids)

    def test_customer_without_account_manager_skipped(self):
        self.alice.user_id = False
        self.assertFalse(self._plan(self.later))

    def test_cron_plans_activities(self):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = %s WHERE id = %s",
            [self.now - relativedelta(months=4), self.alice.id],
        )
        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", autospec=True
        ) as commit_progress:
            self.env["crm.value.category"]._cron_plan_care()
        commit_progress.assert_called_once()
        self.assertEqual(self._open_activities(self.alice).activity_type_id, self.visit)
