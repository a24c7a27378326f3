# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest import skipUnless

from odoo.exceptions import AccessError, RedirectWarning, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import CustomerCareCase

try:
    import phonenumbers
except ImportError:  # phone_validation then stores numbers as typed
    phonenumbers = None


@tagged("post_install", "-at_install")
class TestPartnerDuplicate(CustomerCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.china = cls.env.ref("base.cn")
        cls.wang = cls.env["res.partner"].create(
            {
                "name": "Wang Fang",
                "email": "Wang.Fang@Example.com",
                "phone": "+86 138 0013 8000",
                "city": "Shanghai",
                "country_id": cls.china.id,
                "customer_rank": 1,
            }
        )
        cls.Partner = cls.env["res.partner"].with_user(cls.care_user)

    def _new_customer(self, **values):
        """A customer entered by the admin, seen by a customer care user."""
        customer = self.env["res.partner"].create({"customer_rank": 1, **values})
        return customer.with_user(self.care_user)

    def test_same_email_in_other_case_warns(self):
        customer = self._new_customer(name="Fang W.", email="wang.fang@example.COM")
        self.assertEqual(customer.crm_duplicate_ids, self.wang)
        self.assertEqual(
            customer.crm_duplicate_warning,
            "Possible duplicate of Wang Fang (same email).",
        )

    def test_same_phone_warns(self):
        customer = self._new_customer(
            name="Mrs Wang", phone="+86 138 0013 8000", country_id=self.china.id
        )
        self.assertEqual(customer.crm_duplicate_ids, self.wang)
        self.assertIn("same phone", customer.crm_duplicate_warning)

    @skipUnless(phonenumbers, "phone_validation normalises only with phonenumbers")
    def test_same_phone_in_national_format_warns(self):
        customer = self._new_customer(
            name="Mrs Wang", phone="138-0013-8000", country_id=self.china.id
        )
        self.assertEqual(customer.phone_sanitized, "+8613800138000")
        self.assertEqual(customer.crm_duplicate_ids, self.wang)

    def test_same_name_and_city_ignoring_case_and_spaces_warns(self):
        customer = self._new_customer(name=" wang fang ", city="SHANGHAI")
        self.assertEqual(customer.crm_duplicate_ids, self.wang)
        self.assertEqual(
            customer.crm_duplicate_warning,
            "Possible duplicate of Wang Fang (same name and city).",
        )

    def test_every_reason_is_named(self):
        customer = self._new_customer(
            name="Wang Fang",
            city="Shanghai",
            email="wang.fang@example.com",
            phone="+86 138 0013 8000",
            country_id=self.china.id,
        )
        self.assertEqual(
            customer.crm_duplicate_warning,
            "Possible duplicate of Wang Fang "
            "(same email, same name and city, same phone).",
        )

    def test_same_name_in_another_city_does_not_warn(self):
        customer = self._new_customer(name="Wang Fang", city="Beijing")
        self.assertFalse(customer.crm_duplicate_ids)
        self.assertFalse(customer.crm_duplicate_warning)

    def test_the_customer_itself_does_not_warn(self):
        self.assertFalse(self.wang.with_user(self.care_user).crm_duplicate_ids)

    def test_archived_customer_does_not_warn(self):
        self.wang.action_archive()
        customer = self._new_customer(name="Fang", email="wang.fang@example.com")
        self.assertFalse(customer.crm_duplicate_ids)

    def test_contact_of_a_company_is_not_a_duplicate(self):
        company = self.env["res.partner"].create(
            {"name": "Fresh Mart", "is_company": True}
        )
        self.env["res.partner"].create(
            {
                "name": "Buyer",
                "parent_id": company.id,
                "email": "buyer@freshmart.example.com",
            }
        )
        customer = self._new_customer(
            name="Another Buyer", email="buyer@freshmart.example.com"
        )
        self.assertFalse(customer.crm_duplicate_ids)

    def test_warning_shows_while_typing_before_saving(self):
        with Form(self.env["res.partner"]) as form:
            form.name = "Someone"
            self.assertFalse(form.crm_duplicate_warning)
            form.email = "WANG.FANG@example.com"
            self.assertEqual(
                form.crm_duplicate_warning,
                "Possible duplicate of Wang Fang (same email).",
            )

    def _count_queries(self, partners):
        partners = partners.with_user(self.care_user)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        warnings = partners.mapped("crm_duplicate_warning")
        return self.env.cr.sql_log_count - before, warnings

    def test_warnings_of_many_customers_take_the_queries_of_one(self):
        customers = self.env["res.partner"].create(
            [
                {"name": "A", "email": "wang.fang@example.com"},
                {"name": "B", "city": "Shanghai"},
                {"name": "wang FANG", "city": "shanghai"},
            ]
        )
        self._count_queries(customers)  # warm the caches of the registry
        one, _warnings = self._count_queries(customers[0])
        three, warnings = self._count_queries(customers)
        self.assertEqual(three, one)
        self.assertEqual(
            warnings,
            [
                "Possible duplicate of Wang Fang (same email).",
                False,
                "Possible duplicate of Wang Fang (same name and city).",
            ],
        )

    # Search

    def test_search_by_phone_as_typed(self):
        found = self.Partner.search([("phone_mobile_search", "ilike", "138 0013 8000")])
        self.assertEqual(found, self.wang)

    @skipUnless(phonenumbers, "phone_validation normalises only with phonenumbers")
    def test_search_by_phone_in_international_format(self):
        self.env.company.country_id = self.china
        other_format = self.env["res.partner"].create(
            {"name": "Li Lei", "phone": "139 1234 5678", "country_id": self.china.id}
        )
        found = self.Partner.search(
            [("phone_mobile_search", "ilike", "+86 139-1234-5678")]
        )
        self.assertEqual(found, other_format)

    # Possible duplicates list

    def test_duplicates_list_groups_customers_by_shared_value(self):
        twin = self._new_customer(name="Fang", email="wang.fang@example.com")
        lines = self.env["crm.partner.duplicate"].search(
            [("partner_id", "in", (self.wang | twin).ids)]
        )
        self.assertEqual(lines.partner_id, self.wang | twin)
        self.assertEqual(set(lines.mapped("match_type")), {"email"})
        self.assertEqual(set(lines.mapped("match_key")), {"wang.fang@example.com"})
        self.assertEqual(set(lines.mapped("group_size")), {2})

    def test_unique_customer_is_not_listed(self):
        self.assertFalse(
            self.env["crm.partner.duplicate"].search(
                [("partner_id", "=", self.wang.id)]
            )
        )

    def test_merge_from_the_list_opens_the_merge_wizard(self):
        twin = self._new_customer(name="Wang Fang", city="Shanghai")
        lines = self.env["crm.partner.duplicate"].search(
            [("partner_id", "in", (self.wang | twin).ids)]
        )
        action = lines.with_user(self.care_manager).action_merge()
        self.assertEqual(action["res_model"], "base.partner.merge.automatic.wizard")
        wizard = (
            self.env[action["res_model"]].with_context(**action["context"]).create({})
        )
        self.assertEqual(wizard.partner_ids, self.wang | twin)
        self.assertEqual(wizard.state, "selection")

    def test_merge_needs_two_customers(self):
        self._new_customer(name="Fang", email="wang.fang@example.com")
        line = self.env["crm.partner.duplicate"].search(
            [("partner_id", "=", self.wang.id)]
        )
        with self.assertRaises(UserError):
            line.with_user(self.care_manager).action_merge()

    def test_users_read_the_list(self):
        self._new_customer(name="Fang", email="wang.fang@example.com")
        lines = self.env["crm.partner.duplicate"].with_user(self.care_user).search([])
        self.assertIn(self.wang, lines.partner_id)

    def test_other_users_cannot_read_the_list(self):
        employee = new_test_user(self.env, login="clerk", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["crm.partner.duplicate"].with_user(employee).search([])

    def test_duplicates_menu_opens_for_users(self):
        menus = self.assertMenusOpen(
            self.care_user, "crm_fresh_loyalty.menu_customer_care_root"
        )
        self.assertIn(
            self.env.ref("crm_fresh_loyalty.crm_partner_duplicate_menu"), menus
        )

    def test_only_managers_see_the_merge_button(self):
        def list_arch(user):
            views = (
                self.env["crm.partner.duplicate"]
                .with_user(user)
                .get_views([(False, "list")])
            )
            return views["views"]["list"]["arch"]

        self.assertNotIn("action_merge", list_arch(self.care_user))
        self.assertIn("action_merge", list_arch(self.care_manager))


@tagged("post_install", "-at_install")
class TestDuplicatePrevention(CustomerCareCase):
    """A company blocking duplicates refuses a new customer sharing a phone
    or an email with an existing one, at every door."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.crm_duplicate_policy = "block"
        cls.wang = cls.env["res.partner"].create(
            {
                "name": "Wang Fang",
                "email": "wang.fang@example.com",
                "phone": "+86 138 0013 8000",
                "city": "Shanghai",
                "customer_rank": 1,
            }
        )

    def _form(self, user):
        form = Form(self.env["res.partner"].with_user(user))
        form.name = "Mrs Wang"
        form.email = "WANG.FANG@example.com"
        return form

    def test_back_office_blocks_and_opens_the_existing_customer(self):
        form = self._form(self.care_user)
        with self.assertRaises(RedirectWarning) as caught:
            form.save()
        message, action, button, _context = caught.exception.args
        self.assertIn("Wang Fang (same email)", message)
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("res.partner", self.wang.id)
        )
        self.assertEqual(button, "Open the existing customer")
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Mrs Wang")]))

    def test_manager_creates_anyway_with_a_reason(self):
        form = self._form(self.care_manager)
        form.crm_duplicate_reason = "Her daughter, sharing the family email"
        partner = form.save()
        self.assertEqual(partner.crm_duplicate_ids, self.wang)
        self.assertIn(
            "Her daughter, sharing the family email", partner.message_ids[0].body
        )

    def test_user_cannot_create_anyway(self):
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.care_user).create(
                {
                    "name": "Mrs Wang",
                    "email": "wang.fang@example.com",
                    "crm_duplicate_reason": "I think it is fine",
                }
            )

    def test_warning_policy_creates_and_flags(self):
        self.env.company.crm_duplicate_policy = "warn"
        partner = self._form(self.care_user).save()
        self.assertEqual(partner.crm_duplicate_ids, self.wang)

    def test_same_name_and_city_only_warns(self):
        partner = (
            self.env["res.partner"]
            .with_user(self.care_user)
            .create({"name": "wang fang", "city": "SHANGHAI"})
        )
        self.assertEqual(partner.crm_duplicate_ids, self.wang)

    def test_contact_of_a_company_is_not_blocked(self):
        company = self.env["res.partner"].create(
            {"name": "Fresh Mart", "is_company": True}
        )
        contact = (
            self.env["res.partner"]
            .with_user(self.care_user)
            .create(
                {
                    "name": "Wang Fang",
                    "email": "wang.fang@example.com",
                    "parent_id": company.id,
                }
            )
        )
        self.assertEqual(contact.parent_id, company)

    def test_back_office_sets_the_source_channel(self):
        partner = (
            self.env["res.partner"]
            .with_user(self.care_user)
            .create({"name": "Zhao Lei", "email": "zhao.lei@example.com"})
        )
        self.assertEqual(partner.crm_source_channel, "back_office")

    def test_partner_from_an_email_comes_from_the_email_channel(self):
        # The chatter's "add recipient" of a ticket, a customer, ...: Odoo
        # finds or creates the partner of an email address.
        partner = self.wang.with_user(self.care_user)._partner_find_from_emails_single(
            ["Zhao Lei <zhao.lei@example.com>"]
        )
        self.assertEqual(partner.crm_source_channel, "email")
        same = self.wang.with_user(self.care_user)._partner_find_from_emails_single(
            ["wang.fang@example.com"]
        )
        self.assertEqual(same, self.wang)


@tagged("post_install", "-at_install")
class TestDemoDuplicates(CustomerCareCase):
    """The demo shop is in China: a phone typed in the national format on a
    customer without a country is the customer's phone in +86."""

    def test_demo_twin_typed_without_country_code_matches(self):
        twin = self.env.ref(
            "crm_fresh_loyalty.res_partner_fresh_01_twin_demo",
            raise_if_not_found=False,
        )
        if not twin:
            self.skipTest("the demo data is not installed")
        company = self.env.ref("base.main_company")
        self.assertEqual(company.country_id, self.env.ref("base.cn"))
        self.assertEqual(company.phone[:4], "+86 ")
        self.assertFalse(twin.country_id)
        self.assertEqual(twin.phone_sanitized, "+8618043016607")
        self.assertEqual(
            twin.crm_duplicate_ids,
            self.env.ref("crm_fresh_loyalty.res_partner_fresh_01_demo"),
        )
