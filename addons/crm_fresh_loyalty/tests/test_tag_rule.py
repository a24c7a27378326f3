# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged, users
from odoo.tools import mute_logger

from .common_criteria import CustomerCriteriaCase


@tagged("post_install", "-at_install")
class TestTagRule(CustomerCriteriaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Alice: 3 orders (apples 400, apples 300 + rice 100, rice 200), 30 to
        # 10 days ago; Bob: 1 order of rice 50, 200 days ago, and 1 of apples
        # 1000, 500 days ago; Carol never bought.
        cls._sell(cls.alice, apples=400, days_ago=30)
        cls._sell(cls.alice, apples=300, rice=100, days_ago=20)
        cls._sell(cls.alice, rice=200, days_ago=10)
        cls._sell(cls.bob, rice=50, days_ago=200)
        cls._sell(cls.bob, apples=1000, days_ago=500)
        cls.customers = cls.alice | cls.bob | cls.carol

    def _rule(self, **values):
        return self.env["crm.tag.rule"].create(
            {"name": "Rule", "tag_id": self.tag.id, **values}
        )

    def _matches(self, **values):
        """The customers a new rule with ``values`` matches, tag aside."""
        tag = self.env["res.partner.category"].create({"name": "Probe"})
        rule = self._rule(tag_id=tag.id, **values)
        return self.customers.filtered(
            lambda p: p.id in rule._crm_matching_partner_ids()
        )

    def _tagged(self):
        return self.customers.filtered(lambda p: self.tag in p.category_id)

    # Adding and removing

    def test_apply_adds_tag_to_matching_customers(self):
        self._rule(min_spend=500)._crm_apply()
        self.assertEqual(self._tagged(), self.alice)

    def test_apply_removes_tag_from_customers_no_longer_matching(self):
        (self.bob | self.carol).category_id = self.tag
        added, removed = self._rule(min_spend=500)._crm_apply()
        self.assertEqual(self._tagged(), self.alice)
        self.assertEqual((added, removed), (1, 2))

    def test_apply_keeps_other_tags(self):
        manual = self.env["res.partner.category"].create({"name": "Manual"})
        self.bob.category_id = manual | self.tag
        self._rule(min_spend=500)._crm_apply()
        self.assertEqual(self.bob.category_id, manual)

    def test_rules_applied_together_keep_their_own_matches(self):
        dormant = self.env["res.partner.category"].create({"name": "Dormant"})
        rules = self._rule(min_spend=500) | self._rule(
            tag_id=dormant.id, min_days_since_purchase=180
        )
        rules._crm_apply()
        self.assertEqual(self._tagged(), self.alice)
        self.assertEqual(
            self.customers.filtered(lambda p: dormant in p.category_id),
            self.bob | self.carol,
        )

    def test_second_apply_changes_nothing(self):
        rule = self._rule(min_spend=500)
        rule._crm_apply()
        self.assertEqual(rule._crm_apply(), (0, 0))

    def test_cron_applies_every_active_rule_committing_each_batch(self):
        self._rule(min_spend=500)
        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", autospec=True
        ) as commit_progress:
            self.env["crm.tag.rule"]._cron_apply_rules()
        self.assertEqual(self._tagged(), self.alice)
        self.assertIn(1, [call.args[1] for call in commit_progress.call_args_list])

    # Logging

    def test_change_logged_on_customer(self):
        self._rule(name="Big spenders", min_spend=500)._crm_apply()
        messages = self.alice.message_ids.filtered(lambda m: "Big spenders" in m.body)
        self.assertEqual(len(messages), 1)
        self.assertIn("Auto", messages.body)
        self.assertFalse(self.bob.message_ids.filtered(lambda m: "Big" in m.body))

    def test_removal_logged_on_customer(self):
        self.bob.category_id = self.tag
        self._rule(name="Big spenders", min_spend=500)._crm_apply()
        self.assertTrue(
            self.bob.message_ids.filtered(
                lambda m: "removed" in m.body and "Big spenders" in m.body
            )
        )

    # Conditions

    def test_order_count(self):
        self.assertEqual(self._matches(min_order_count=2), self.alice)
        self.assertEqual(self._matches(max_order_count=1, min_spend=1), self.bob)

    def test_spend_over_window(self):
        # Bob's 1,000 order is 500 days old: outside a 12-month window.
        self.assertEqual(self._matches(min_spend=900, window_months=12), self.alice)
        self.assertEqual(
            self._matches(min_spend=1000, window_months=24), self.alice | self.bob
        )

    def test_max_spend_includes_customers_without_purchases(self):
        self.assertEqual(self._matches(max_spend=100), self.bob | self.carol)

    def test_average_order_value(self):
        # Alice: 1,000 over 3 orders; Bob: 50 over 1 order (12 months).
        self.assertEqual(self._matches(min_average_order=300), self.alice)
        self.assertEqual(self._matches(max_average_order=100), self.bob)

    def test_min_days_since_last_purchase(self):
        self.assertEqual(
            self._matches(min_days_since_purchase=180), self.bob | self.carol
        )

    def test_max_days_since_last_purchase(self):
        self.assertEqual(self._matches(max_days_since_purchase=15), self.alice)

    def test_category_share_counts_subcategories(self):
        # Alice spent 700 of 1,000 on fruit (under Fresh), Bob 0 of 50.
        self.assertEqual(
            self._matches(categ_id=self.fresh.id, categ_share=60), self.alice
        )
        self.assertFalse(self._matches(categ_id=self.fresh.id, categ_share=80))

    def test_category_without_share_needs_a_purchase_in_it(self):
        self.assertEqual(self._matches(categ_id=self.dry.id), self.alice | self.bob)

    def test_refund_reduces_spend(self):
        order = self._sell(self.carol, apples=600)
        self.assertEqual(self._matches(min_spend=500), self.alice | self.carol)
        invoice = order._create_invoices()
        invoice.action_post()
        refund = invoice._reverse_moves()
        refund.action_post()
        self.assertEqual(self._matches(min_spend=500), self.alice)

    def test_domain_only_rule(self):
        rule = self._rule(partner_domain="[('city', '=', 'Shanghai')]")
        rule._crm_apply()
        self.assertEqual(self._tagged(), self.alice | self.carol)

    def test_domain_and_purchase_conditions_combine(self):
        self.assertEqual(
            self._matches(
                partner_domain="[('city', '=', 'Shanghai')]", min_order_count=1
            ),
            self.alice,
        )

    # Preview

    def test_preview_counts_before_saving(self):
        form = Form(self.env["crm.tag.rule"])
        form.name = "Preview"
        form.tag_id = self.tag
        form.partner_domain = f"[('id', 'in', {self.customers.ids})]"
        self.assertEqual(form.match_count, 3)
        form.min_spend = 500
        self.assertEqual(form.match_count, 1)
        form.min_spend = 10
        self.assertEqual(form.match_count, 2)

    def test_view_matches_opens_matching_customers(self):
        action = self._rule(min_spend=500).action_view_matches()
        partners = self.env["res.partner"].search(action["domain"])
        self.assertEqual(partners & self.customers, self.alice)

    # Multi-company

    def test_purchases_of_other_company_do_not_count(self):
        other = self.env["res.company"].create({"name": "Other Fresh"})
        self.env.user.company_ids |= other
        self._sell(self.carol, apples=900, company=other)
        self.assertEqual(self._matches(min_spend=500), self.alice)
        self.assertEqual(self._matches(min_spend=500, company_id=other.id), self.carol)

    def test_rules_of_other_company_are_hidden(self):
        other = self.env["res.company"].create({"name": "Other Fresh"})
        rule = self._rule(min_spend=500, company_id=other.id)
        rules = self.env["crm.tag.rule"].with_user(self.care_manager).search([])
        self.assertNotIn(rule, rules)

    # Bad input

    def assertInvalid(self, message, **values):
        with self.assertRaisesRegex(ValidationError, message):
            self._rule(**values)

    def test_negative_threshold_rejected(self):
        self.assertInvalid("Minimum Spend cannot be negative", min_spend=-1)

    def test_min_above_max_rejected(self):
        self.assertInvalid(
            r"Minimum Orders \(5\) cannot be higher than Maximum Orders \(2\)",
            min_order_count=5,
            max_order_count=2,
        )

    def test_zero_month_window_rejected(self):
        self.assertInvalid(
            r"Window \(months\) must be at least 1", window_months=0, min_spend=1
        )

    def test_rule_without_condition_rejected(self):
        self.assertInvalid("has no condition")

    def test_category_share_above_100_rejected(self):
        self.assertInvalid(
            r"Minimum Category Share \(%\) must be between 0 and 100",
            categ_id=self.fruit.id,
            categ_share=120,
        )

    def test_category_share_below_0_rejected(self):
        self.assertInvalid(
            r"Minimum Category Share \(%\) must be between 0 and 100",
            categ_id=self.fruit.id,
            categ_share=-5,
        )

    def test_share_without_category_rejected(self):
        self.assertInvalid("set a Product Category", categ_share=20)

    def test_invalid_domain_rejected(self):
        self.assertInvalid(
            "Customer Filter is not a valid filter",
            partner_domain="[('no_such_field', '=', 1)]",
        )

    def test_tag_owned_by_one_rule(self):
        self._rule(min_spend=500)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            self._rule(min_spend=10)
            self.env.flush_all()

    def test_invalid_rule_previews_zero(self):
        form = Form(self.env["crm.tag.rule"])
        form.min_spend = -5
        self.assertEqual(form.match_count, 0)

    # Access

    @users("care_user")
    def test_user_reads_rules(self):
        rule = (
            self.env["crm.tag.rule"]
            .sudo()
            .create({"name": "Rule", "tag_id": self.tag.id, "min_spend": 1})
        )
        self.assertEqual(
            rule.with_user(self.env.user).read(["name"])[0]["name"], "Rule"
        )
        with self.assertRaises(AccessError):
            self.env["crm.tag.rule"].create(
                {"name": "Mine", "tag_id": self.tag.id, "min_spend": 1}
            )
        with self.assertRaises(AccessError):
            rule.with_user(self.env.user).action_apply()

    @users("care_manager")
    def test_manager_configures_rules(self):
        rule = self.env["crm.tag.rule"].create(
            {"name": "Mine", "tag_id": self.tag.id, "min_spend": 500}
        )
        rule.action_apply()
        self.assertEqual(self._tagged(), self.alice)
