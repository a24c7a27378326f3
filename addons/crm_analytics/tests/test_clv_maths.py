# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The value model's maths, without a database: fits recover the parameters
of populations simulated with them, predictions match what the simulated
customers do next, and bases the model cannot describe are refused."""

from unittest.mock import patch

import numpy as np
from scipy import optimize

from odoo.tests import BaseCase, tagged

from ..tools import clv


def simulate_bgnbd(rng, count, r, alpha, a, b, max_age, horizon=0):
    """Customers buying as BG/NBD says, over ages uniform in [max_age / 3,
    max_age] days: ``(x, t_x, T, future)``, ``future`` the purchases of the
    ``horizon`` days after T. Purchase times are rounded down to days."""
    rate = rng.gamma(r, 1.0 / alpha, count)
    dropout = rng.beta(a, b, count)
    age = np.floor(rng.uniform(max_age / 3, max_age, count))
    x, t_x, future = np.zeros(count), np.zeros(count), np.zeros(count)
    moment = np.zeros(count)
    alive = np.ones(count, dtype=bool)
    while alive.any():
        index = np.flatnonzero(alive)
        moment[index] += rng.exponential(1.0 / rate[index])
        past = index[moment[index] < age[index]]
        coming = index[
            (moment[index] >= age[index]) & (moment[index] < age[index] + horizon)
        ]
        alive[index[moment[index] >= age[index] + horizon]] = False
        x[past] += 1
        t_x[past] = moment[past]
        future[coming] += 1
        buying = np.concatenate([past, coming])
        alive[buying[rng.random(len(buying)) < dropout[buying]]] = False
    return x, np.floor(t_x), age, future


def simulate_gamma_gamma(rng, count, p, q, v):
    """``(n, mean)``: 1 to 10 orders per customer, of Gamma(p, nu) values
    with nu ~ Gamma(q, v) across customers."""
    nu = rng.gamma(q, 1.0 / v, count)
    n = rng.integers(1, 11, count)
    total = rng.gamma(p * n, 1.0 / nu)  # a sum of n Gamma(p, nu) draws
    return n, total / n


@tagged("post_install", "-at_install")
class TestBgNbd(BaseCase):
    PARAMETER_SETS = (
        # r, alpha (days), a, b: few and mostly one-time buyers; weekly
        # buyers who rarely leave; a base with a strong dropout
        (0.5, 20.0, 0.6, 3.0),
        (2.0, 14.0, 1.5, 8.0),
        (1.0, 60.0, 0.3, 1.5),
    )

    def test_fit_recovers_simulated_parameters(self):
        rng = np.random.default_rng(20)
        for params in self.PARAMETER_SETS:
            with self.subTest(params=params):
                x, t_x, age, _future = simulate_bgnbd(rng, 20_000, *params, 365)
                model = clv.fit_bgnbd(x, t_x, age)
                fitted = (model.r, model.alpha, model.a, model.b)
                for name, truth, value in zip(
                    ("r", "alpha", "a", "b"), params, fitted, strict=True
                ):
                    self.assertAlmostEqual(
                        value / truth, 1.0, delta=0.15, msg=f"{name}: {fitted}"
                    )
                self.assertLess(model.log_likelihood, 0.0)

    def test_predictions_match_the_simulated_future(self):
        rng = np.random.default_rng(7)
        params = (0.8, 25.0, 0.5, 2.5)
        x, t_x, age, future = simulate_bgnbd(rng, 20_000, *params, 365, horizon=180)
        model = clv.BgNbd(*params)
        expected = clv.expected_purchases(model, x, t_x, age, 180)
        self.assertAlmostEqual(expected.sum() / future.sum(), 1.0, delta=0.05)
        silent = clv.probability_no_purchase(model, x, t_x, age, 180)
        self.assertAlmostEqual(silent.mean(), (future == 0).mean(), delta=0.02)
        alive = clv.probability_alive(model, x, t_x, age)
        self.assertTrue(np.all((alive > 0) & (alive <= 1)))
        self.assertTrue(np.all(silent >= 1 - alive))

    def test_probabilities_follow_recency(self):
        # same frequency and age, the one who went quiet longer is less alive
        model = clv.BgNbd(0.5, 20.0, 0.6, 3.0)
        alive = clv.probability_alive(model, [5, 5], [350, 100], [360, 360])
        self.assertGreater(alive[0], alive[1])
        # a one-time buyer has not had the chance to drop out in BG/NBD
        self.assertEqual(clv.probability_alive(model, [0], [0], [100])[0], 1.0)

    def test_one_customer_is_too_few(self):
        with self.assertRaises(clv.SampleTooSmall):
            clv.fit_bgnbd([3], [40], [90])

    def test_all_one_time_buyers_are_too_uniform(self):
        with self.assertRaises(clv.SampleTooSmall):
            clv.fit_bgnbd(np.zeros(500), np.zeros(500), np.arange(500.0))

    def test_no_customer(self):
        with self.assertRaises(clv.SampleTooSmall):
            clv.fit_bgnbd([], [], [])

    def test_fit_that_does_not_converge_is_refused(self):
        rng = np.random.default_rng(3)
        x, t_x, age, _future = simulate_bgnbd(rng, 1000, 0.5, 20.0, 0.6, 3.0, 365)
        failed = optimize.OptimizeResult(
            x=np.zeros(4), fun=1.0, success=False, message="iterations exhausted"
        )
        with (
            patch.object(optimize, "minimize", return_value=failed),
            self.assertRaisesRegex(clv.FitError, "did not converge"),
        ):
            clv.fit_bgnbd(x, t_x, age)

    def test_runaway_parameter_is_refused(self):
        # the optimiser "converges" with the dropout shape b at its bound
        rng = np.random.default_rng(3)
        x, t_x, age, _future = simulate_bgnbd(rng, 1000, 0.5, 20.0, 0.6, 3.0, 365)
        runaway = optimize.OptimizeResult(
            x=np.array([0.0, 0.0, 0.0, clv.LOG_BOUND]), fun=1.0, success=True
        )
        with (
            patch.object(optimize, "minimize", return_value=runaway),
            self.assertRaisesRegex(clv.FitError, "b = .* is implausible"),
        ):
            clv.fit_bgnbd(x, t_x, age)


@tagged("post_install", "-at_install")
class TestGammaGamma(BaseCase):
    def test_fit_recovers_simulated_parameters(self):
        rng = np.random.default_rng(11)
        for params in ((6.0, 4.0, 15.0), (2.0, 8.0, 300.0)):
            with self.subTest(params=params):
                n, mean = simulate_gamma_gamma(rng, 20_000, *params)
                model = clv.fit_gamma_gamma(n, mean)
                fitted = (model.p, model.q, model.v)
                for name, truth, value in zip(
                    ("p", "q", "v"), params, fitted, strict=True
                ):
                    self.assertAlmostEqual(
                        value / truth, 1.0, delta=0.15, msg=f"{name}: {fitted}"
                    )

    def test_expected_value_shrinks_to_the_population_mean(self):
        model = clv.GammaGamma(6.0, 4.0, 15.0)
        self.assertEqual(model.mean, 30.0)
        one, many, none = clv.expected_order_value(
            model, [1, 50, 0], [100.0, 100.0, 0.0]
        )
        self.assertEqual(none, 30.0)
        self.assertGreater(many, one)
        self.assertGreater(one, 30.0)
        self.assertLess(many, 100.0)

    def test_spread_order_values_still_predict_buyers(self):
        # q <= 1: no finite population mean, but a customer with orders has
        # a finite expected value as long as p + q > 1
        model = clv.GammaGamma(2.0, 0.5, 10.0)
        self.assertIsNone(model.mean)
        one, none = clv.expected_order_value(model, [1, 0], [100.0, 0.0])
        self.assertAlmostEqual(one, 2.0 * 110.0 / 1.5)
        self.assertEqual(none, 0.0)

    def test_too_few_order_values(self):
        with self.assertRaises(clv.SampleTooSmall):
            clv.fit_gamma_gamma([1, 2], [10.0, 20.0])
