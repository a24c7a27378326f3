# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date

import openpyxl

from odoo.tests import tagged
from odoo.tools.misc import file_open

from .common import CustomerCareCase

TEMPLATE = "crm_fresh_loyalty/static/xls/crm_customer_import_template.xlsx"
TEMPLATE_FIELDS = [
    "name",
    "company_type",
    "phone",
    "email",
    "street",
    "city",
    "country_id",
    "birthdate_date",
    "crm_gender",
    "crm_customer_type",
    "crm_source_channel",
    "crm_preferred_channel",
    "crm_preferred_categ_ids",
    "category_id",
    "user_id",
]
OPTIONS = {"has_headers": True, "date_format": "%Y-%m-%d", "datetime_format": ""}


@tagged("post_install", "-at_install")
class TestCustomerImport(CustomerCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]

    def _template(self, change=None):
        """The template's content, with ``change(sheet)`` applied."""
        with file_open(TEMPLATE, "rb") as template:
            book = openpyxl.load_workbook(template)
        if change:
            change(book.active)
        content = io.BytesIO()
        book.save(content)
        return content.getvalue()

    def _import(self, content, dryrun=False, user=None):
        wizard = (
            self.env["base_import.import"]
            .with_user(user or self.env.user)
            .create(
                {
                    "res_model": "res.partner",
                    "file": content,
                    "file_name": "customers.xlsx",
                    "file_type": "application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet",
                }
            )
        )
        preview = wizard.parse_preview(dict(OPTIONS))
        fields = [
            "/".join(preview["matches"][index])
            for index in range(len(preview["headers"]))
        ]
        return wizard.execute_import(
            fields, preview["headers"], dict(OPTIONS), dryrun=dryrun
        )

    def _imported(self):
        return self.Partner.search(
            [
                (
                    "email",
                    "in",
                    [
                        "wang.fang@example.com",
                        "li.qiang@example.com",
                        "order@xianfeng.example.com",
                    ],
                )
            ]
        )

    def test_template_offered_on_customers(self):
        templates = self.Partner.get_import_templates()
        self.assertEqual(templates[0]["template"], f"/{TEMPLATE}")
        self.assertIn(
            "/base/static/xls/contacts_import_template.xlsx",
            [template["template"] for template in templates],
        )

    def test_template_columns_match_profile_fields(self):
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "res.partner",
                "file": self._template(),
                "file_name": "customers.xlsx",
                "file_type": "application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet",
            }
        )
        preview = wizard.parse_preview(dict(OPTIONS))
        self.assertEqual(
            [preview["matches"][index][0] for index in range(len(TEMPLATE_FIELDS))],
            TEMPLATE_FIELDS,
        )

    def test_template_imports_every_row(self):
        result = self._import(self._template())
        self.assertFalse(result["messages"])
        partners = self.Partner.browse(result["ids"])
        self.assertEqual(partners.mapped("name"), ["王芳", "李强", "鲜丰餐饮有限公司"])
        wang, li, restaurant = partners
        self.assertEqual(wang.birthdate_date, date(1988, 5, 12))
        self.assertEqual(wang.crm_gender, "female")
        self.assertEqual(wang.crm_preferred_channel, "sms")
        self.assertEqual(wang.country_id, self.env.ref("base.cn"))
        self.assertEqual(li.crm_source_channel, "store")
        self.assertTrue(restaurant.is_company)
        self.assertEqual(restaurant.crm_customer_type, "catering")

    def test_import_without_source_channel_is_batch_import(self):
        result = self._import(self._template(lambda sheet: sheet.delete_cols(11)))
        self.assertFalse(result["messages"])
        self.assertEqual(
            set(self.Partner.browse(result["ids"]).mapped("crm_source_channel")),
            {"import"},
        )

    def test_empty_source_channel_is_batch_import(self):
        result = self._import(self._template())
        wang = self.Partner.browse(result["ids"][0])
        self.assertEqual(wang.crm_source_channel, "import")

    def test_bad_selection_names_row_and_field(self):
        def bad_gender(sheet):
            sheet["I3"] = "Unknown"

        result = self._import(self._template(bad_gender))
        self.assertFalse(result["ids"])
        self.assertEqual(len(result["messages"]), 1)
        message = result["messages"][0]
        self.assertEqual(message["type"], "error")
        self.assertEqual(message["field"], "crm_gender")
        self.assertEqual(message["rows"], {"from": 1, "to": 1})
        self.assertIn("Unknown", message["message"])
        self.assertFalse(self._imported())

    def test_bad_date_names_row_and_field(self):
        def bad_birthdate(sheet):
            sheet["H4"] = "31/02/1990"

        result = self._import(self._template(bad_birthdate))
        self.assertFalse(result.get("ids"))
        message = result["messages"][0]
        self.assertEqual(message["type"], "error")
        self.assertEqual(message["field_path"], ["birthdate_date"])
        # The third customer of the file
        self.assertIn("line 3", message["message"])
        self.assertIn("31/02/1990", message["message"])
        self.assertFalse(self._imported())

    def test_load_outside_import_keeps_no_channel(self):
        result = self.Partner.load(["name"], [["Zhou Xun"]])
        self.assertFalse(self.Partner.browse(result["ids"]).crm_source_channel)

    def _existing_wang(self):
        return self.env["res.partner"].create(
            {"name": "Wang Fang", "email": "Wang.Fang@example.com", "customer_rank": 1}
        )

    def test_dry_run_lists_rows_blocked_as_duplicates(self):
        self.env.company.crm_duplicate_policy = "block"
        self._existing_wang()
        result = self._import(self._template(), dryrun=True, user=self.care_user)
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertEqual(len(errors), 1)
        self.assertEqual(errors[0]["rows"], {"from": 0, "to": 0})
        self.assertIn("Wang Fang (same email)", errors[0]["message"])
        self.assertFalse(self._imported())

    def test_dry_run_names_the_row_of_a_duplicate_only(self):
        self.env.company.crm_duplicate_policy = "block"
        self.env["res.partner"].create(
            {"name": "Li Qiang", "phone": "+86 139 1234 5678", "customer_rank": 1}
        )
        result = self._import(self._template(), dryrun=True, user=self.care_user)
        self.assertEqual(
            [(m["type"], m["rows"]) for m in result["messages"]],
            [("error", {"from": 1, "to": 1})],
        )
        self.assertIn("Li Qiang (same phone)", result["messages"][0]["message"])

    def test_dry_run_lists_rows_that_may_duplicate(self):
        self.env.company.crm_duplicate_policy = "warn"
        self._existing_wang()
        result = self._import(self._template(), dryrun=True, user=self.care_user)
        self.assertEqual(
            [(m["type"], m["rows"]) for m in result["messages"]],
            [("warning", {"from": 0, "to": 0})],
        )
        self.assertIn("Wang Fang (same email)", result["messages"][0]["message"])

    def _twice_in_the_file(self, sheet):
        """The file lists 王芳 a second time, her phone in national format and
        her email in capitals, with another address."""
        sheet.append(
            [
                "王芳",
                "Person",
                "138-0013-8001",
                "WANG.FANG@example.com",
                "淮海路 5 号",
                "上海",
                "CN",
            ]
        )

    def test_dry_run_lists_a_customer_twice_in_the_file(self):
        self.env.company.crm_duplicate_policy = "block"
        result = self._import(
            self._template(self._twice_in_the_file), dryrun=True, user=self.care_user
        )
        self.assertEqual(
            [(m["type"], m["rows"]) for m in result["messages"]],
            [("error", {"from": 3, "to": 3})],
        )
        self.assertEqual(
            result["messages"][0]["message"],
            "王芳 is already a customer: 王芳 (same email, same phone, earlier in "
            "this file). Choose the existing customer instead of creating another "
            "one.",
        )
        self.assertFalse(self._imported())

    def test_import_refuses_a_customer_twice_in_the_file(self):
        self.env.company.crm_duplicate_policy = "block"
        result = self._import(
            self._template(self._twice_in_the_file), user=self.care_user
        )
        self.assertFalse(result["ids"])
        self.assertFalse(self._imported())

    def test_dry_run_warns_of_a_customer_twice_in_the_file(self):
        self.env.company.crm_duplicate_policy = "warn"
        result = self._import(
            self._template(self._twice_in_the_file), dryrun=True, user=self.care_user
        )
        self.assertEqual(
            [(m["type"], m["rows"]) for m in result["messages"]],
            [("warning", {"from": 3, "to": 3})],
        )
        self.assertEqual(
            result["messages"][0]["message"],
            "王芳 may duplicate 王芳 (same email, same name and city, same phone, "
            "earlier in this file).",
        )

    def test_customers_of_one_list_are_duplicates_of_each_other(self):
        self.env.company.crm_duplicate_policy = "warn"
        first, second = self.Partner.create(
            [
                {"name": "Zhou Xun", "phone": "+86 180 4365 6607"},
                {
                    "name": "Zhou X.",
                    "phone": "180 4365 6607",
                    "country_id": self.env.ref("base.cn").id,
                },
            ]
        )
        # the customer list reads both customers at once
        listed = (first | second).with_user(self.care_user).read(["crm_duplicate_ids"])
        self.assertEqual(
            [customer["crm_duplicate_ids"] for customer in listed],
            [second.ids, first.ids],
        )
