# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..models.crm_customer_analytics import STEPS
from .common import AnalyticsCase

ANALYTICS_MODELS = (
    "crm.customer.analytics",
    "crm.rfm.history",
    "crm.segment.migration",
    "crm.retention.episode",
    "crm.product.association",
    "crm.product.recommendation",
)


@tagged("post_install", "-at_install")
class TestAnalyticsAccess(AnalyticsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls._customer("Customer")
        cls._orders([(cls.customer, 3, 40.0)])

    def test_user_reads_every_analytics_model(self):
        self._run("rfm", "lifecycle", "value", "cross_sell")
        for model in ANALYTICS_MODELS:
            self.assertTrue(
                self.env[model].with_user(self.care_user).has_access("read"), model
            )
        rows = self.analytics.with_user(self.care_user).search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(rows.frequency, 1)

    def test_user_cannot_write_analytics(self):
        self._run("rfm")
        row = self._row(self.customer).with_user(self.care_user)
        with self.assertRaises(AccessError):
            row.write({"segment": "champions"})

    def test_user_cannot_recompute(self):
        with self.assertRaises(AccessError):
            self.analytics.with_user(self.care_user).action_recompute()

    def test_manager_recomputes(self):
        manager_env = self.env(user=self.care_manager)
        action = manager_env["crm.customer.analytics"].action_recompute()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(self._row(self.customer).frequency, 1)
        self.assertEqual(self._row(self.customer).lifecycle_stage, "new")

    def test_employee_outside_customer_care_sees_no_analytics(self):
        self._run("rfm")
        employee = new_test_user(self.env, login="employee", groups="base.group_user")
        employee.company_ids |= self.company
        partner = self.customer.with_user(employee).with_company(self.company)
        self.assertFalse(partner.crm_analytics_id)
        self.assertFalse(partner.crm_rfm_segment)
        self.assertEqual(partner.crm_recommendation_count, 0)
        self.assertTrue(self.customer.with_company(self.company).crm_rfm_segment)

    def test_menus_open(self):
        for user in (self.care_user, self.care_manager):
            menus = self.assertMenusOpen(user, "crm_analytics.menu_segments")
            self.assertIn(
                self.env.ref("crm_analytics.crm_segment_migration_menu"), menus
            )

    def test_recompute_menu_for_managers_only(self):
        recompute = self.env.ref("crm_analytics.crm_customer_analytics_menu_recompute")
        self.assertIn(
            recompute,
            self._visible_menus(self.care_manager, "crm_analytics.menu_segments"),
        )
        self.assertNotIn(
            recompute,
            self._visible_menus(self.care_user, "crm_analytics.menu_segments"),
        )


@tagged("post_install", "-at_install")
class TestAnalyticsMultiCompany(AnalyticsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["res.company"].create({"name": "Other Fresh Ltd"})
        cls.env.user.company_ids |= cls.other
        cls.customer = cls._customer("Shared Customer")
        cls._orders([(cls.customer, 3, 40.0)])
        cls._orders([(cls.customer, 10, 500.0), (cls.customer, 8, 500.0)], cls.other)
        for company in (cls.company, cls.other):
            for step in ("rfm", "lifecycle", "value", "cross_sell"):
                cls.analytics._crm_steps()[step](company, cls.today)

    def test_each_company_sees_its_own_purchases(self):
        mine = self._row(self.customer)
        theirs = self._row(self.customer, self.other)
        self.assertEqual((mine.frequency, mine.monetary), (1, 40.0))
        self.assertEqual((theirs.frequency, theirs.monetary), (2, 1000.0))

    def test_partner_shows_the_current_company(self):
        self.assertEqual(
            self.customer.with_company(self.company).crm_lifetime_value, 40.0
        )
        self.assertEqual(
            self.customer.with_company(self.other).crm_lifetime_value, 1000.0
        )

    def test_user_of_one_company_does_not_see_the_other(self):
        user = self.care_user
        user.write({"company_id": self.company.id, "company_ids": self.company.ids})
        rows = (
            self.env["crm.customer.analytics"]
            .with_user(user)
            .search([("partner_id", "=", self.customer.id)])
        )
        self.assertEqual(rows.company_id, self.company)


@tagged("post_install", "-at_install")
class TestNightlyCron(AnalyticsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls._customer("Customer")
        cls._orders([(cls.customer, 3, 40.0)])

    def _cron(self, time_left):
        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", return_value=time_left
        ) as commit:
            self.analytics._cron_recompute()
        return commit

    def test_cron_runs_every_step(self):
        commit = self._cron(time_left=100.0)
        row = self._row(self.customer)
        self.assertEqual(
            (row.segment, row.lifecycle_stage, row.value_class),
            ("about_to_sleep", "new", "basic"),
        )
        self.assertEqual(self.company.crm_analytics_done_date, self.today)
        self.assertEqual(self.company.crm_analytics_done_steps, len(STEPS))
        self.assertTrue(commit.called)

    def test_cron_out_of_time_resumes_where_it_stopped(self):
        self.analytics.search([("company_id", "=", self.company.id)]).unlink()
        # out of time after the first step of the first company
        self._cron(time_left=0.0)
        first = self.env["res.company"].search([], limit=1)
        self.assertEqual(first.crm_analytics_done_steps, 1)
        self._cron(time_left=100.0)
        self.assertEqual(
            self.env["res.company"].search([]).mapped("crm_analytics_done_steps"),
            [len(STEPS)] * self.env["res.company"].search_count([]),
        )
        self.assertEqual(self._row(self.customer).lifecycle_stage, "new")
