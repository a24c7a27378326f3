# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged, users

from .common_criteria import CustomerCriteriaCase


@tagged("post_install", "-at_install")
class ValueCategoryCase(CustomerCriteriaCase):
    """Key (2 orders and 500 over 12 months), cold (no purchase for 180 days)
    and general (everyone else) for the test company, without the defaults."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["crm.value.category"]
        Category.search([]).action_archive()
        cls.key, cls.cold, cls.general = Category.create(
            [
                {"name": "Key", "sequence": 10, "min_order_count": 2, "min_spend": 500},
                {"name": "Cold", "sequence": 20, "min_days_since_purchase": 180},
                {"name": "General", "sequence": 30},
            ]
        )
        # Alice: 2 orders, 800; Bob: one order 200 days ago; Carol: 1 order.
        cls._sell(cls.alice, apples=400, days_ago=30)
        cls._sell(cls.alice, rice=400, days_ago=5)
        cls._sell(cls.bob, rice=50, days_ago=200)
        cls._sell(cls.carol, apples=100, days_ago=3)

    def _evaluate(self):
        return self.env["crm.value.category"]._crm_evaluate()


@tagged("post_install", "-at_install")
class TestValueCategory(ValueCategoryCase):
    def test_first_matching_category_wins(self):
        self._evaluate()
        self.assertEqual(self.alice.crm_value_category_id, self.key)
        self.assertEqual(self.bob.crm_value_category_id, self.cold)
        self.assertEqual(self.carol.crm_value_category_id, self.general)

    def test_sequence_decides(self):
        self.general.sequence = 1
        self._evaluate()
        self.assertEqual(
            (self.alice | self.bob | self.carol).crm_value_category_id, self.general
        )

    def test_change_when_behaviour_changes(self):
        self._evaluate()
        self._sell(self.carol, apples=600, days_ago=1)
        self.assertEqual(self._evaluate(), 1)
        self.assertEqual(self.carol.crm_value_category_id, self.key)

    def test_second_evaluation_changes_nothing(self):
        self._evaluate()
        self.assertEqual(self._evaluate(), 0)

    def test_change_logged_on_customer(self):
        self._evaluate()
        self._sell(self.carol, apples=600, days_ago=1)
        self._evaluate()
        self.assertTrue(
            self.carol.message_ids.filtered(lambda m: "General → Key" in m.body)
        )

    def test_without_match_category_cleared(self):
        self._evaluate()
        self.general.action_archive()
        self._evaluate()
        self.assertFalse(self.carol.crm_value_category_id)
        self.assertEqual(self.alice.crm_value_category_id, self.key)

    def test_searchable_and_groupable(self):
        self._evaluate()
        self.assertEqual(
            self.env["res.partner"].search(
                [
                    ("crm_value_category_id", "=", self.cold.id),
                    ("id", "in", (self.alice | self.bob | self.carol).ids),
                ]
            ),
            self.bob,
        )
        groups = dict(
            self.env["res.partner"]._read_group(
                [("id", "in", (self.alice | self.bob | self.carol).ids)],
                ["crm_value_category_id"],
                ["__count"],
            )
        )
        self.assertEqual(groups, {self.key: 1, self.cold: 1, self.general: 1})

    def test_category_per_company(self):
        other = self.env["res.company"].create({"name": "Other Fresh"})
        self.env.user.company_ids |= other
        other_key = self.env["crm.value.category"].create(
            {"name": "Other key", "company_id": other.id, "min_spend": 10}
        )
        self._sell(self.bob, rice=90, company=other)
        self._evaluate()
        self.env["crm.value.category"]._crm_evaluate(company=other)
        self.assertEqual(self.bob.crm_value_category_id, self.cold)
        self.assertEqual(self.bob.with_company(other).crm_value_category_id, other_key)
        self.assertFalse(self.alice.with_company(other).crm_value_category_id)

    def test_default_categories(self):
        defaults = self.env["crm.value.category"].with_context(active_test=False)
        names = [
            defaults.browse(self.env.ref(f"crm_fresh_loyalty.{xmlid}").id).name
            for xmlid in (
                "crm_value_category_key",
                "crm_value_category_potential",
                "crm_value_category_cold",
                "crm_value_category_general",
            )
        ]
        self.assertEqual(names, ["Key", "Potential", "Cold", "General"])

    def test_bad_criteria_rejected(self):
        with self.assertRaisesRegex(
            ValidationError, "Maximum Spend cannot be negative"
        ):
            self.general.max_spend = -10

    def test_care_interval_required_with_activity(self):
        with self.assertRaisesRegex(ValidationError, "Care Every must be at least 1"):
            self.key.write(
                {
                    "care_activity_type_id": self.env.ref(
                        "crm_fresh_loyalty.mail_activity_type_call"
                    ).id,
                    "care_interval": 0,
                }
            )

    @users("care_user")
    def test_user_reads_categories(self):
        self.assertEqual(
            self.key.with_user(self.env.user).read(["name"])[0]["name"], "Key"
        )
        with self.assertRaises(AccessError):
            self.key.with_user(self.env.user).name = "Very key"

    @users("care_manager")
    def test_manager_configures_categories(self):
        key = self.key.with_user(self.env.user)
        key.name = "Very key"
        key.action_evaluate()
        self.assertEqual(self.alice.crm_value_category_id.name, "Very key")
