# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import CustomerCareCase

LOG = "crm.personal.data.access.log"


class PrivacyCase(CustomerCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.masked_user = new_test_user(
            cls.env,
            login="care_masked",
            groups="crm_fresh_loyalty.group_customer_care_user,base.group_allow_export",
        )
        cls.officer = new_test_user(
            cls.env,
            login="care_dpo",
            groups="crm_customer_privacy.group_data_protection_officer,"
            "base.group_allow_export",
        )
        cls.employee = new_test_user(cls.env, login="plain_employee")
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Zhang Wei",
                "phone": "13812345678",
                "email": "zhang.wei@example.com",
                "street": "88 Nanjing East Road",
                "city": "Shanghai",
                "birthdate_date": date(1990, 3, 15),
            }
        )

    def _logs(self, user, access_type):
        return self.env[LOG].search(
            [("user_id", "=", user.id), ("access_type", "=", access_type)]
        )


@tagged("post_install", "-at_install")
class TestPrivacyMasking(PrivacyCase):
    def test_read_masked_for_care_user(self):
        [values] = self.customer.with_user(self.masked_user).read(
            ["phone", "email", "street", "birthdate_date"]
        )
        self.assertEqual(values["phone"], "138****5678")
        self.assertEqual(values["email"], "z***@example.com")
        self.assertEqual(values["street"], "88 Nan****")
        self.assertFalse(values["birthdate_date"])

    def test_search_read_and_web_read_masked(self):
        partners = self.env["res.partner"].with_user(self.masked_user)
        [values] = partners.search_read(
            [("id", "=", self.customer.id)], ["phone", "email_formatted"]
        )
        self.assertEqual(values["phone"], "138****5678")
        self.assertEqual(values["email_formatted"], '"Zhang Wei" <z***@example.com>')
        [values] = partners.browse(self.customer.id).web_read({"contact_address": {}})
        self.assertNotIn("Nanjing East Road", values["contact_address"])
        self.assertIn("88 Nan****", values["contact_address"])

    def test_export_masked(self):
        partners = self.env["res.partner"].with_user(self.masked_user)
        rows = partners.browse(self.customer.id).export_data(
            ["name", "phone", "email", "birthdate_date"]
        )["datas"]
        self.assertEqual(
            rows, [["Zhang Wei", "138****5678", "z***@example.com", "****-**-15"]]
        )

    def test_export_with_contacts_masks_each_partner(self):
        contact, _other = self.env["res.partner"].create(
            [
                {"name": "Zhang Min", "parent_id": self.customer.id},
                {"name": "Zhang Li", "parent_id": self.customer.id},
            ]
        )
        contact.phone = "13900001111"
        partners = self.env["res.partner"].with_user(self.masked_user)
        rows = partners.browse([self.customer.id, contact.id]).export_data(
            ["name", "phone", "child_ids/name"]
        )["datas"]
        self.assertEqual(
            rows,
            [
                ["Zhang Wei", "138****5678", "Zhang Li"],
                ["", "", "Zhang Min"],
                ["Zhang Min", "139****1111", ""],
            ],
        )

    def test_business_code_reads_real_values(self):
        customer = self.customer.with_user(self.masked_user)
        self.assertEqual(customer.phone, "13812345678")
        [values] = self.customer.sudo().read(["phone"])
        self.assertEqual(values["phone"], "13812345678")

    def test_user_outside_care_reads_masked_and_unlogged(self):
        [values] = self.customer.with_user(self.employee).read(["phone", "email"])
        self.assertEqual(values["phone"], "138****5678")
        self.assertEqual(values["email"], "z***@example.com")
        self.assertFalse(self.env[LOG].search([("user_id", "=", self.employee.id)]))

    def test_personal_data_group_reads_unmasked_and_logged_once(self):
        customer = self.customer.with_user(self.care_manager)
        [values] = customer.read(["phone", "birthdate_date"])
        customer.read(["email"])
        self.assertEqual(values["phone"], "13812345678")
        self.assertEqual(values["birthdate_date"], date(1990, 3, 15))
        log = self._logs(self.care_manager, "read")
        self.assertEqual(log.partner_id, self.customer)
        self.assertEqual(log.field_names, "birthdate_date,phone")

    def test_masked_value_written_back_keeps_real_value(self):
        customer = self.customer.with_user(self.masked_user)
        customer.write(
            {"phone": "138****5678", "email": "z***@example.com", "city": "Suzhou"}
        )
        self.assertEqual(self.customer.phone, "13812345678")
        self.assertEqual(self.customer.email, "zhang.wei@example.com")
        self.assertEqual(self.customer.city, "Suzhou")

    def test_masked_empty_birthday_written_back_keeps_real_value(self):
        self.customer.with_user(self.masked_user).write({"birthdate_date": False})
        self.assertEqual(self.customer.birthdate_date, date(1990, 3, 15))

    def test_new_value_written_by_masked_user(self):
        self.customer.with_user(self.masked_user).write({"phone": "13987654321"})
        self.assertEqual(self.customer.phone, "13987654321")

    def test_reveal_returns_value_and_logs(self):
        value = self.customer.with_user(self.masked_user).action_crm_reveal("phone")
        self.assertEqual(value, "13812345678")
        log = self._logs(self.masked_user, "reveal")
        self.assertEqual(
            (log.partner_id, log.field_names, log.company_id),
            (self.customer, "phone", self.env.company),
        )
        self.assertEqual(
            self.env[LOG].with_user(self.officer).search([("id", "=", log.id)]), log
        )

    def test_reveal_button_shows_value_in_notice(self):
        customer = self.customer.with_user(self.masked_user)
        action = customer.with_context(
            crm_reveal_field="email"
        ).action_crm_reveal_notify()
        self.assertEqual(action["params"]["message"], "zhang.wei@example.com")
        self.assertEqual(self._logs(self.masked_user, "reveal").field_names, "email")

    def test_reveal_buttons_for_masked_users_only(self):
        def form_arch(user):
            views = self.env["res.partner"].with_user(user).get_views([(False, "form")])
            return views["views"]["form"]["arch"]

        self.assertIn("action_crm_reveal_notify", form_arch(self.masked_user))
        self.assertNotIn("action_crm_reveal_notify", form_arch(self.care_manager))

    def test_reveal_unknown_field_refused(self):
        with self.assertRaisesRegex(UserError, "“name” is not masked personal data"):
            self.customer.with_user(self.masked_user).action_crm_reveal("name")
        self.assertFalse(self._logs(self.masked_user, "reveal"))

    def test_own_customers_option(self):
        self.env.company.crm_personal_data_own_customers = True
        other = self.customer.copy({"phone": "13700002222"})
        self.customer.user_id = self.masked_user
        partners = self.env["res.partner"].with_user(self.masked_user)
        values = partners.browse([self.customer.id, other.id]).read(["phone"])
        self.assertEqual(
            [vals["phone"] for vals in values], ["13812345678", "137****2222"]
        )

    def test_own_customers_option_off_masks_own_customers(self):
        self.customer.user_id = self.masked_user
        [values] = self.customer.with_user(self.masked_user).read(["phone"])
        self.assertEqual(values["phone"], "138****5678")


@tagged("post_install", "-at_install")
class TestPrivacyUnusualAccess(PrivacyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.crm_personal_data_alert_threshold = 2
        cls.reader = new_test_user(
            cls.env,
            login="care_reader",
            groups="crm_customer_privacy.group_personal_data,base.group_allow_export",
        )
        cls.customers = cls.env["res.partner"].create(
            [{"name": f"Customer {n}", "phone": f"1380000000{n}"} for n in range(5)]
        )

    def _alerts(self):
        return self.env["mail.activity"].search(
            [("res_model", "=", LOG), ("user_id", "=", self.officer.id)]
        )

    def test_within_limit_no_alert(self):
        self.customers[:2].with_user(self.reader).read(["phone"])
        self.assertFalse(self._alerts())

    def test_over_limit_alerts_officer_once(self):
        partners = self.customers.with_user(self.reader)
        partners[:3].read(["phone"])
        partners[3:].export_data(["phone"])
        self.customer.with_user(self.reader).action_crm_reveal("email")
        alert = self._alerts()
        self.assertEqual(len(alert), 1)
        self.assertIn(self.reader.name, alert.note)
        self.assertEqual(
            self.env[LOG].search([("is_alert", "=", True)]).user_id, self.reader
        )

    @mute_logger("odoo.sql_db")
    def test_one_alert_per_user_and_hour(self):
        """The unique index stops a concurrent request from alerting twice."""

        def alert_values(customer):
            return {
                "user_id": self.reader.id,
                "partner_id": customer.id,
                "access_type": "read",
                "is_alert": True,
                "alert_hour": "2026-03-02 10:00:00",
            }

        self.env[LOG].create(alert_values(self.customers[0]))
        with self.assertRaises(IntegrityError):
            self.env[LOG].create(alert_values(self.customers[1]))
            self.env.flush_all()

    def test_masked_reads_not_counted(self):
        self.customers.with_user(self.masked_user).read(["phone"])
        self.assertFalse(self._alerts())
        self.assertFalse(self.env[LOG].search([("user_id", "=", self.masked_user.id)]))

    def test_officer_opens_access_log_menu(self):
        menus = self.assertMenusOpen(
            self.officer, "crm_fresh_loyalty.menu_customer_care_root"
        )
        log_menu = self.env.ref("crm_fresh_loyalty.crm_personal_data_access_log_menu")
        self.assertIn(log_menu, menus)
        self.assertNotIn(
            log_menu,
            self._visible_menus(
                self.care_manager, "crm_fresh_loyalty.menu_customer_care_root"
            ),
        )

    @mute_logger("odoo.sql_db")
    def test_alert_threshold_must_be_positive(self):
        with self.assertRaises(IntegrityError):
            self.env.company.crm_personal_data_alert_threshold = 0
            self.env.flush_all()
