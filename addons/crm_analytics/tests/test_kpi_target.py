# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AnalyticsCase


@tagged("post_install", "-at_install")
class TestKpiTarget(AnalyticsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.targets = cls.env["crm.kpi.target"]
        cls.year = 2025

    def _target(self, kpi, annual, **values):
        return self.targets.create(
            {
                "company_id": self.company.id,
                "year": self.year,
                "kpi": kpi,
                "annual_target": annual,
                **values,
            }
        )

    def _snapshot(self, kpi, value, day):
        return self.env["crm.kpi.snapshot"].create(
            {
                "company_id": self.company.id,
                "date": day,
                "channel": "all",
                "kpi": kpi,
                "value": value,
            }
        )

    def test_flow_target_splits_into_quarters(self):
        target = self._target("new_customers", 400.0)
        self.assertEqual(target.line_ids.mapped("quarter"), ["1", "2", "3", "4"])
        self.assertEqual(target.line_ids.mapped("target"), [100.0] * 4)
        self.assertEqual(
            (target.line_ids[1].date_from, target.line_ids[1].date_to),
            (date(2025, 4, 1), date(2025, 6, 30)),
        )

    def test_level_target_keeps_its_value(self):
        target = self._target("churn_rate", 20.0)
        self.assertEqual(target.line_ids.mapped("target"), [20.0] * 4)

    def test_status_higher_is_better(self):
        target = self._target("active_customers", 100.0)
        q1, q2, q3, _q4 = target.line_ids
        self._snapshot("active_customers", 80.0, date(2025, 1, 15))
        self._snapshot("active_customers", 105.0, date(2025, 2, 15))
        self._snapshot("active_customers", 95.0, date(2025, 5, 15))
        self._snapshot("active_customers", 80.0, date(2025, 8, 15))
        # the latest snapshot of the quarter counts
        self.assertEqual((q1.actual, q1.status), (105.0, "on_track"))
        self.assertEqual(q2.status, "at_risk")
        self.assertEqual(q3.status, "off_track")

    def test_status_lower_is_better(self):
        target = self._target("churn_rate", 20.0)
        q1, q2, q3, q4 = target.line_ids
        self._snapshot("churn_rate", 19.0, date(2025, 3, 31))
        self._snapshot("churn_rate", 21.0, date(2025, 6, 1))
        self._snapshot("churn_rate", 25.0, date(2025, 9, 1))
        self.assertEqual(
            [q1.status, q2.status, q3.status, q4.status],
            ["on_track", "at_risk", "off_track", False],
        )
        # not the current year: the target shows its last rated quarter
        self.assertEqual(target.status, "off_track")

    def test_status_reads_the_all_channels_row(self):
        target = self._target("active_customers", 100.0)
        self.env["crm.kpi.snapshot"].create(
            {
                "company_id": self.company.id,
                "date": date(2025, 1, 15),
                "channel": "pos",
                "kpi": "active_customers",
                "value": 500.0,
            }
        )
        self.assertFalse(target.line_ids[0].status)

    def test_rate_above_100_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self._target("churn_rate", 120.0)

    def test_negative_target_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self._target("new_customers", -5.0)

    def test_year_out_of_range_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "between 2000"):
            self._target("new_customers", 5.0, year=25)

    @mute_logger("odoo.sql_db")
    def test_one_target_per_kpi_and_year(self):
        self._target("new_customers", 400.0)
        with self.assertRaises(IntegrityError):
            self._target("new_customers", 500.0)
            self.env.flush_all()

    def test_only_managers_set_targets(self):
        values = {
            "company_id": self.company.id,
            "year": self.year,
            "kpi": "new_customers",
            "annual_target": 40.0,
        }
        with self.assertRaises(AccessError):
            self.targets.with_user(self.care_user).create(values)
        target = self.targets.with_user(self.care_manager).create(values)
        self.assertEqual(len(target.line_ids), 4)
        self.assertEqual(
            target.with_user(self.care_user).line_ids.mapped("target"), [10.0] * 4
        )

    def test_target_opens_its_trend(self):
        target = self._target("churn_rate", 20.0)
        inside = self._snapshot("churn_rate", 19.0, date(2025, 3, 31))
        self._snapshot("churn_rate", 19.0, date(2024, 12, 31))
        self._snapshot("active_customers", 10.0, date(2025, 3, 31))
        action = target.action_open_snapshots()
        self.assertEqual(self.env[action["res_model"]].search(action["domain"]), inside)
