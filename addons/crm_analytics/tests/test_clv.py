# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.tests import tagged

from ..tools import clv
from .common import AnalyticsCase

ONE_TIME_BUYERS = 15
REPEAT_BUYERS = 25


@tagged("post_install", "-at_install")
class TestValueModel(AnalyticsCase):
    """A base the value model can be fitted on: one-time buyers of every age,
    and repeat buyers who all started 300 days ago, each buying every 10 to
    50 days and silent for the last 0 to 120 days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        specs = []
        cls.one_time = [cls._customer(f"Once {i}") for i in range(ONE_TIME_BUYERS)]
        specs += [(c, 10 + 20 * i, 30.0) for i, c in enumerate(cls.one_time)]
        cls.repeat = [cls._customer(f"Again {i}") for i in range(REPEAT_BUYERS)]
        for index, customer in enumerate(cls.repeat):
            interval, silent = 10 * (1 + index % 5), 30 * (index // 5)
            days = range(300, silent - 1, -interval)
            specs += [(customer, day, 20.0 + index) for day in days]
        # three orders on one day, then one 20 days later
        cls.burst = cls._customer("Burst")
        specs += [(cls.burst, 40, 10.0)] * 3 + [(cls.burst, 20, 10.0)]
        cls._orders(specs)
        cls.Model = cls.env["crm.clv.model"]

    def _models(self):
        return self.Model.search([("company_id", "=", self.company.id)])

    def test_fit_is_stored_with_its_sample(self):
        self._run("rfm", "value")
        model = self._models()
        self.assertEqual(
            (model.state, model.date, model.customer_count),
            ("fitted", self.today, ONE_TIME_BUYERS + REPEAT_BUYERS + 1),
        )
        self.assertEqual(model.repeat_customer_count, REPEAT_BUYERS + 1)
        self.assertLess(model.log_likelihood, 0.0)
        self.assertTrue(all(model[f] > 0 for f in ("r", "alpha", "a", "b", "p", "q")))

    def test_predictions_per_customer(self):
        self._run("rfm", "value")
        model = self._models()
        for customer in self.one_time + self.repeat:
            row = self._row(customer)
            self.assertEqual(row.clv_model_id, model)
            self.assertAlmostEqual(
                row.predicted_value,
                row.expected_purchases * row.expected_order_value,
                delta=0.01,
            )
            self.assertTrue(0 <= row.probability_alive <= 100)
            self.assertTrue(0 <= row.probability_no_purchase <= 100)
        # the partner form shows them in the company
        partner = self.repeat[0].with_company(self.company)
        self.assertAlmostEqual(
            partner.crm_expected_purchases,
            self._row(self.repeat[0]).expected_purchases,
            places=2,
        )

    def test_silence_lowers_the_probability_of_being_active(self):
        self._run("rfm", "value")
        # same rhythm and start, 30 more days of silence each step
        for first in range(5):
            alive = [
                self._row(self.repeat[index]).probability_alive
                for index in range(first, REPEAT_BUYERS, 5)
            ]
            self.assertEqual(alive, sorted(alive, reverse=True))
            self.assertGreater(alive[0], alive[-1])

    def test_same_day_orders_are_one_purchase(self):
        self._run("rfm", "value", "lifecycle")
        row = self._row(self.burst)
        self.assertEqual((row.order_count, row.repeat_purchase_days), (4, 1))
        self.assertEqual(row.repeat_order_value, 10.0)

    def test_churn_warning_on_the_probability_of_no_purchase(self):
        self.company.crm_churn_probability = 50.0
        self._run("rfm", "value", "lifecycle")
        warned, expected = set(), set()
        for customer in self.one_time + self.repeat:
            row = self._row(customer)
            if row.churn_reason == "no_purchase":
                warned.add(customer)
            silent = (self.today - row.last_purchase_date).days
            if (
                30 <= silent <= 365
                and row.probability_no_purchase >= 50.0
                and row.lifecycle_stage != "churned"
            ):
                expected.add(customer)
        self.assertEqual(warned, expected)
        self.assertTrue(warned)
        self.assertLess(len(warned), ONE_TIME_BUYERS + REPEAT_BUYERS)
        self.assertEqual(
            {self._row(c).lifecycle_stage for c in warned}, {"churn_warning"}
        )

    def test_tag_rule_on_a_prediction(self):
        self._run("rfm", "value")
        rule = self.env["crm.tag.rule"].create(
            {
                "name": "Fading",
                "company_id": self.company.id,
                "tag_id": self.env["res.partner.category"]
                .create({"name": "Fading"})
                .id,
                "partner_domain": "[('crm_probability_alive', '<', 50)]",
            }
        )
        fading = {
            c.id
            for c in self.one_time + self.repeat + [self.burst]
            if self._row(c).probability_alive < 50
        }
        self.assertTrue(fading)
        self.assertEqual(set(rule._crm_matching_partner_ids()), fading)

    def test_failed_fit_keeps_the_last_good_model_and_tells_the_managers(self):
        self._run("rfm", "value", today=self.today)
        good = self._models()
        failure = clv.FitError("the optimiser did not converge (test)")
        with patch.object(clv, "fit_bgnbd", side_effect=failure):
            self._run("value")
            self._run("value")
        failed = self._models() - good
        self.assertEqual(failed.mapped("state"), ["failed", "failed"])
        self.assertEqual(self.Model._crm_current(self.company), good)
        self.assertEqual(self._row(self.repeat[0]).clv_model_id, good)
        self.assertTrue(self._row(self.repeat[0]).predicted_value)
        # one activity per manager of the company, on the first failure only
        first, second = failed.sorted("id")
        self.assertIn(self.care_manager, first.activity_ids.user_id)
        self.assertIn("did not converge", first.activity_ids[0].note)
        self.assertFalse(second.activity_ids)


@tagged("post_install", "-at_install")
class TestValueModelEdgeCases(AnalyticsCase):
    def _models(self, company=None):
        return self.env["crm.clv.model"].search(
            [("company_id", "=", (company or self.company).id)]
        )

    def test_company_without_orders(self):
        prospect = self._customer("Prospect")
        self._run("rfm", "value", "lifecycle")
        self.assertFalse(self._models())
        row = self._row(prospect)
        self.assertEqual(
            (row.lifecycle_stage, row.predicted_value, row.clv_model_id.id),
            ("prospect", 0.0, False),
        )

    def test_one_customer_follows_its_own_rhythm(self):
        # every 10 days, silent for 70: too few customers for a model, the
        # customer's own interval warns (70 > 2 x 10)
        customer = self._customer("Regular")
        self._orders([(customer, days, 20.0) for days in (100, 90, 80, 70)])
        self._run("rfm", "value", "lifecycle")
        self.assertFalse(self._models())
        row = self._row(customer)
        self.assertEqual(
            (row.lifecycle_stage, row.churn_reason), ("churn_warning", "interval")
        )
        self.assertFalse(row.probability_no_purchase)

    def test_all_one_time_buyers(self):
        customers = [self._customer(f"Once {i}") for i in range(40)]
        self._orders([(c, 5 + 7 * i, 25.0) for i, c in enumerate(customers)])
        self._run("rfm", "value", "lifecycle")
        self.assertFalse(self._models())  # nobody bought twice: nothing to fit
        rows = [self._row(c) for c in customers]
        self.assertEqual({row.f_score for row in rows}, {1})
        self.assertEqual({row.repeat_purchase_days for row in rows}, {0})

    def test_same_day_burst_does_not_warn_without_a_model(self):
        # four orders on one day and one 10 days ago: two purchase days, so
        # the default interval applies (10 < 2 x 60), not a median gap of 0
        customer = self._customer("Burst")
        self._orders([(customer, 30, 10.0)] * 4 + [(customer, 10, 10.0)])
        self._run("rfm", "value", "lifecycle")
        row = self._row(customer)
        self.assertEqual((row.order_count, row.median_interval_days), (5, 20.0))
        self.assertFalse(row.churn_reason)
