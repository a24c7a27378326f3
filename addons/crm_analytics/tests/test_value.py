# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..models.crm_customer_analytics import DAYS_PER_MONTH
from .common import AnalyticsCase


@tagged("post_install", "-at_install")
class TestValueClass(AnalyticsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.big = cls._customer("Big")
        cls.growing = cls._customer("Growing")
        cls.falling = cls._customer("Falling")
        cls.steady = cls._customer("Steady")
        cls._orders(
            [
                (cls.big, 30, 12000.0),
                (cls.growing, 400, 1000.0),
                (cls.growing, 30, 1500.0),
                (cls.falling, 400, 1000.0),
                (cls.falling, 30, 500.0),
                (cls.steady, 400, 1000.0),
                (cls.steady, 30, 1100.0),
            ]
        )

    def _value(self, partner):
        return self._row(partner).value_class

    def test_value_classes(self):
        self._run("rfm", "value")
        self.assertEqual(
            [
                self._value(p)
                for p in (self.big, self.growing, self.falling, self.steady)
            ],
            ["high_value", "growing", "at_risk", "basic"],
        )

    def test_spend_by_year(self):
        self._run("rfm", "value")
        row = self._row(self.growing)
        self.assertEqual(
            (row.annual_spend, row.previous_annual_spend, row.lifetime_value),
            (1500.0, 1000.0, 2500.0),
        )

    def test_thresholds_are_configurable(self):
        self.company.crm_value_high_amount = 1000.0
        self.company.crm_value_growth_percent = 60.0
        self._run("rfm", "value")
        self.assertEqual(self._value(self.steady), "high_value")
        self.assertEqual(self._value(self.growing), "high_value")

    def test_growth_below_threshold_is_basic(self):
        self.company.crm_value_growth_percent = 60.0
        self._run("rfm", "value")
        self.assertEqual(self._value(self.growing), "basic")

    def test_hook_marks_customers_at_risk(self):
        # after-sales puts customers with many complaints at risk this way
        with patch.object(
            type(self.analytics),
            "_crm_value_at_risk_partner_ids",
            return_value=[self.steady.id],
        ):
            self._run("rfm", "value")
        self.assertEqual(self._value(self.steady), "at_risk")
        self.assertEqual(self._value(self.big), "high_value")

    def test_tiny_base_predicts_nothing(self):
        # four customers are too few to fit the value model: no figures
        # rather than made-up ones
        self._run("rfm", "value")
        row = self._row(self.steady)
        self.assertFalse(
            self.env["crm.clv.model"].search([("company_id", "=", self.company.id)])
        )
        self.assertEqual(
            (row.clv_model_id, row.predicted_value, row.probability_alive),
            (self.env["crm.clv.model"], 0.0, 0.0),
        )
        self.assertEqual(row.repeat_purchase_days, 1)

    def test_short_history_is_annualised(self):
        # 3,000 in the first 100 days is 10,950 a year: high value
        young = self._customer("Young")
        self._orders([(young, 100, 1000.0), (young, 50, 1000.0), (young, 5, 1000.0)])
        self._run("rfm", "value")
        row = self._row(young)
        self.assertEqual(row.annual_spend, 3000.0)
        self.assertAlmostEqual(row.annualised_spend, 3000.0 * 365 / 100, places=2)
        self.assertEqual(row.value_class, "high_value")

    def test_first_weeks_count_as_the_analysis_period(self):
        # 2,000 spent in the first 10 days counts over the 90 days of the
        # analysis period (8,111 a year), not over 10 days (73,000 a year)
        newcomer = self._customer("Newcomer")
        self._orders([(newcomer, 10, 2000.0)])
        self._run("rfm", "value")
        row = self._row(newcomer)
        self.assertAlmostEqual(row.annualised_spend, 2000.0 * 365 / 90, places=2)
        self.assertEqual(row.value_class, "basic")

    def test_percentages_are_checked(self):
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self.company.crm_value_decline_percent = 150.0


@tagged("post_install", "-at_install")
class TestPredictedValue(AnalyticsCase):
    """Synthetic customers buying as Poisson processes of known rates and
    order values: the predicted 12-month value must be closer to the true
    expected value (12 x rate x order value) than last year's spend is."""

    CUSTOMERS = 100
    HISTORY_MONTHS = 24

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        rng = random.Random(7)
        cls.truth = {}
        specs = []
        for index in range(cls.CUSTOMERS):
            customer = cls._customer(f"Synthetic {index}")
            rate = rng.gammavariate(2.0, 0.2)  # orders a month, mean 0.4
            order_value = rng.gammavariate(4.0, 25.0)  # mean 100
            age = rng.uniform(2.0, cls.HISTORY_MONTHS)  # months since first order
            cls.truth[customer] = 12 * rate * order_value
            moment = age  # months ago; the first order opens the history
            while moment > 0:
                amount = round(order_value * rng.uniform(0.5, 1.5), 2)
                specs.append((customer, round(moment * DAYS_PER_MONTH), amount))
                moment -= rng.expovariate(rate)
        cls._orders(specs)

    def test_prediction_beats_last_year_spend(self):
        self._run("rfm", "value")
        model_error = baseline_error = 0.0
        for customer, truth in self.truth.items():
            row = self._row(customer)
            model_error += abs(row.predicted_value - truth)
            baseline_error += abs(row.annual_spend - truth)
        model_mae = model_error / self.CUSTOMERS
        baseline_mae = baseline_error / self.CUSTOMERS
        self.assertLess(model_mae, baseline_mae)
