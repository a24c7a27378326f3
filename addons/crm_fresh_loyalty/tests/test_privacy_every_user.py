# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import config

from odoo.addons.crm_customer_privacy.tests.test_encryption import KEY_A

from .test_privacy_masking import LOG, PrivacyCase

NATIONAL_ID = "11010519491231002X"


@tagged("post_install", "-at_install")
class TestPrivacyEveryUser(PrivacyCase):
    """Every user outside the groups the company lets see personal data reads
    it masked, on every path; the national ID needs the Personal Data group
    whatever the setting, and each clear read of it is logged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.startClassPatcher(
            patch.dict(
                config.options,
                {"crm_encryption_key": KEY_A, "crm_encryption_key_id": "a"},
            )
        )
        cls.salesperson = new_test_user(
            cls.env,
            login="privacy_sales",
            groups="sales_team.group_sale_salesman,base.group_partner_manager,"
            "base.group_allow_export",
        )
        cls.accountant = new_test_user(
            cls.env, login="privacy_accountant", groups="account.group_account_invoice"
        )
        cls.customer.crm_national_id = NATIONAL_ID

    def test_other_internal_users_read_masked(self):
        for user in (self.salesperson, self.accountant, self.employee):
            [values] = self.customer.with_user(user).read(
                ["phone", "email", "street", "birthdate_date", "crm_national_id"]
            )
            self.assertEqual(
                (values["phone"], values["email"], values["street"]),
                ("138****5678", "z***@example.com", "88 Nan****"),
                user.login,
            )
            self.assertFalse(values["birthdate_date"])
            self.assertEqual(values["crm_national_id"], "**************002X")
        self.assertFalse(self.env[LOG].search([("user_id", "=", self.salesperson.id)]))

    def test_own_partner_read_in_clear(self):
        self.salesperson.partner_id.phone = "13900001111"
        [values] = self.salesperson.partner_id.with_user(self.salesperson).read(
            ["phone"]
        )
        self.assertEqual(values["phone"], "13900001111")

    def test_search_by_real_value_finds_customer(self):
        Partner = self.env["res.partner"].with_user(self.salesperson)
        self.assertEqual(Partner.search([("phone", "=", "13812345678")]), self.customer)
        self.assertEqual(
            Partner.search([("crm_national_id", "=", NATIONAL_ID)]), self.customer
        )

    def test_company_setting_shows_sales_in_clear_but_not_national_id(self):
        self.env.company.crm_personal_data_clear_group_ids |= self.env.ref(
            "sales_team.group_sale_salesman"
        )
        customer = self.customer.with_user(self.salesperson)
        [values] = customer.read(["phone", "crm_national_id"])
        self.assertEqual(values["phone"], "13812345678")
        self.assertEqual(values["crm_national_id"], "**************002X")
        with self.assertRaises(AccessError):
            customer.action_crm_reveal("crm_national_id")
        # the masked national ID written back keeps the real one
        customer.write({"crm_national_id": "**************002X", "city": "Suzhou"})
        self.assertEqual(self.customer.crm_national_id, NATIONAL_ID)
        self.assertEqual(self._logs(self.salesperson, "read").field_names, "phone")

    def test_default_setting_is_personal_data_group_only(self):
        self.assertEqual(
            self.env.company.crm_personal_data_clear_group_ids,
            self.env.ref("crm_customer_privacy.group_personal_data"),
        )

    def test_each_clear_read_of_national_id_logged(self):
        customer = self.customer.with_user(self.officer)
        customer.read(["crm_national_id"])
        customer.invalidate_recordset()
        customer.read(["crm_national_id"])
        self.assertEqual(len(self._logs(self.officer, "read")), 2)

    def test_care_user_cannot_reveal_national_id(self):
        with self.assertRaises(AccessError):
            self.customer.with_user(self.masked_user).action_crm_reveal(
                "crm_national_id"
            )
        value = self.customer.crm_sensitive_value_ids.with_user(self.masked_user)
        with self.assertRaises(AccessError):
            value.action_crm_reveal()
        self.assertFalse(self._logs(self.masked_user, "reveal"))

    def test_group_by_personal_data_refused_when_masked(self):
        Partner = self.env["res.partner"].with_user(self.masked_user)
        domain = [("id", "=", self.customer.id)]
        for groupby, aggregates in (
            (["phone"], ["__count"]),
            (["email"], []),
            (["birthdate_date:month"], []),
            (["city"], ["phone:array_agg"]),
        ):
            with self.subTest(groupby=groupby), self.assertRaises(UserError):
                Partner.web_read_group(domain, groupby, aggregates)
        with self.assertRaises(UserError):
            Partner.formatted_read_grouping_sets(domain, [["email"]], ["__count"])
        groups = Partner.formatted_read_group(domain, ["city"], ["phone:count"])
        self.assertEqual(groups[0]["phone:count"], 1)

    def test_group_by_personal_data_for_clear_user(self):
        groups = (
            self.env["res.partner"]
            .with_user(self.officer)
            .formatted_read_group([("id", "=", self.customer.id)], ["phone"])
        )
        self.assertEqual(groups[0]["phone"], "13812345678")

    def test_name_search_with_email_masked_for_salesperson(self):
        Partner = (
            self.env["res.partner"]
            .with_user(self.salesperson)
            .with_context(show_email=True)
        )
        [(_id, name)] = Partner.name_search("Zhang Wei", limit=1)
        self.assertNotIn("zhang.wei@example.com", name)
        self.assertIn("z***@example.com", name)

    def test_export_masked_for_salesperson(self):
        rows = (
            self.customer.with_user(self.salesperson)
            .export_data(["phone", "crm_national_id"])
            .get("datas")
        )
        self.assertEqual(rows, [["138****5678", "**************002X"]])

    def test_duplicates_list_masked(self):
        twin = self.env["res.partner"].create(
            {
                "name": "Zhang W.",
                "phone": "13812345678",
                "email": "zhang.wei@example.com",
            }
        )
        Duplicate = self.env["crm.partner.duplicate"].with_user(self.masked_user)
        lines = Duplicate.search_read(
            [("partner_id", "in", (self.customer | twin).ids)],
            ["match_type", "match_key", "phone", "email"],
        )
        email_lines = [line for line in lines if line["match_type"] == "email"]
        self.assertEqual(len(email_lines), 2)
        for line in email_lines:
            self.assertEqual(line["phone"], "138****5678")
            self.assertEqual(line["email"], "z***@example.com")
            self.assertEqual(line["match_key"], "z***@example.com")
        with self.assertRaises(UserError):
            Duplicate.formatted_read_group([], ["match_key"])
        [line] = (
            self.env["crm.partner.duplicate"]
            .with_user(self.officer)
            .search_read(
                [("partner_id", "=", twin.id), ("match_type", "=", "email")],
                ["phone"],
            )
        )
        self.assertEqual(line["phone"], "13812345678")
