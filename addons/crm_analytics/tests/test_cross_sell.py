# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import AnalyticsCase


class CrossSellCase(AnalyticsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # five baskets: {A, B} twice, {A, C}, {B, C}, {A}
        a, b, c = cls.apples, cls.pears, cls.plums
        baskets = [[a, b], [a, b], [a, c], [b, c], [a]]
        cls.shoppers = [cls._customer(f"Shopper {i}") for i in range(len(baskets))]
        cls._orders(
            [
                (shopper, 50, [(product, 10.0) for product in basket])
                for shopper, basket in zip(cls.shoppers, baskets, strict=True)
            ]
        )

    def _rules(self):
        rules = self.env["crm.product.association"].search(
            [("company_id", "=", self.company.id)]
        )
        return {
            (rule.product_id.name, rule.related_product_id.name): (
                rule.order_count,
                round(rule.support, 4),
                round(rule.confidence, 4),
                round(rule.lift, 4),
            )
            for rule in rules
        }

    def _recommended(self, partner):
        return (
            self.env["crm.product.recommendation"]
            .search(
                [("partner_id", "=", partner.id), ("company_id", "=", self.company.id)]
            )
            .mapped("product_id.name")
        )


@tagged("post_install", "-at_install")
class TestAssociationRules(CrossSellCase):
    def test_support_confidence_lift(self):
        self._run("cross_sell")
        self.assertEqual(
            self._rules(),
            {
                ("Apples", "Pears"): (2, 0.4, 0.5, 0.8333),
                ("Pears", "Apples"): (2, 0.4, 0.6667, 0.8333),
                ("Apples", "Plums"): (1, 0.2, 0.25, 0.625),
                ("Plums", "Apples"): (1, 0.2, 0.5, 0.625),
                ("Pears", "Plums"): (1, 0.2, 0.3333, 0.8333),
                ("Plums", "Pears"): (1, 0.2, 0.5, 0.8333),
            },
        )

    def test_minimum_support(self):
        self.company.crm_xsell_min_support = 30.0
        self._run("cross_sell")
        self.assertEqual(set(self._rules()), {("Apples", "Pears"), ("Pears", "Apples")})

    def test_minimum_confidence(self):
        self.company.crm_xsell_min_confidence = 60.0
        self._run("cross_sell")
        self.assertEqual(set(self._rules()), {("Pears", "Apples")})

    def test_orders_before_the_window_are_not_baskets(self):
        self.company.crm_rfm_window_months = 1  # the baskets are 50 days old
        self._run("cross_sell")
        self.assertFalse(self._rules())

    def test_recompute_replaces_rules(self):
        self._run("cross_sell")
        self._run("cross_sell")
        self.assertEqual(len(self._rules()), 6)


@tagged("post_install", "-at_install")
class TestRecommendations(CrossSellCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.crm_xsell_min_confidence = 10.0
        cls.apple_buyer = cls._customer("Apple Buyer")
        cls.recent_buyer = cls._customer("Recent Buyer")
        cls._orders(
            [
                (cls.apple_buyer, 60, [(cls.apples, 10.0)]),
                (cls.recent_buyer, 60, [(cls.apples, 10.0)]),
                (cls.recent_buyer, 5, [(cls.pears, 10.0)]),
            ]
        )

    def test_best_rules_first(self):
        self._run("cross_sell")
        self.assertEqual(self._recommended(self.apple_buyer), ["Pears", "Plums"])

    def test_top_n(self):
        self.company.crm_xsell_top_n = 1
        self._run("cross_sell")
        self.assertEqual(self._recommended(self.apple_buyer), ["Pears"])

    def test_recent_purchases_left_out(self):
        self._run("cross_sell")
        recommended = self._recommended(self.recent_buyer)
        self.assertNotIn("Pears", recommended)  # bought 5 days ago
        self.assertIn("Apples", recommended)  # bought 60 days ago
        self.assertIn("Plums", recommended)

    def test_exclusion_days_configurable(self):
        self.company.crm_xsell_exclude_days = 0
        self._run("cross_sell")
        self.assertIn("Pears", self._recommended(self.recent_buyer))

    def test_partner_shows_recommendations(self):
        self._run("cross_sell")
        partner = self.apple_buyer.with_company(self.company)
        self.assertEqual(partner.crm_recommendation_count, 2)
        action = partner.action_crm_open_recommendations()
        self.assertEqual(
            self.env["crm.product.recommendation"]
            .search(action["domain"])
            .mapped("product_id.name"),
            ["Pears", "Plums"],
        )

    def test_customers_to_mail_for_a_product(self):
        self._run("cross_sell")
        rule = self.env["crm.product.association"].search(
            [
                ("company_id", "=", self.company.id),
                ("product_id", "=", self.apples.id),
                ("related_product_id", "=", self.plums.id),
            ]
        )
        action = rule.action_open_customers()
        self.assertEqual(action["res_model"], "res.partner")
        customers = self.env["res.partner"].search(action["domain"])
        self.assertIn(self.apple_buyer, customers)
        self.assertIn(self.recent_buyer, customers)
        recommended_plums = self.env["crm.product.recommendation"].search(
            [("product_id", "=", self.plums.id), ("company_id", "=", self.company.id)]
        )
        self.assertEqual(customers, recommended_plums.partner_id)
