# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CustomerCareCase


@tagged("post_install", "-at_install")
class TestProfile(CustomerCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.crm_profile_review_months = 12
        cls.profile_fields = cls.env["ir.model.fields"].search(
            [("model", "=", "res.partner"), ("name", "in", ["phone", "email", "city"])]
        )
        cls.company.crm_profile_field_ids = [Command.set(cls.profile_fields.ids)]
        cls.activity_type = cls.env.ref(
            "crm_fresh_loyalty.mail_activity_type_profile_review"
        )
        cls.today = fields.Date.context_today(cls.partner)
        complete = {
            "phone": "+1 650-555-0111",
            "email": "customer@example.com",
            "city": "Fresno",
            "customer_rank": 1,
            "user_id": cls.care_user.id,
        }
        cls.complete, cls.incomplete = cls.env["res.partner"].create(
            [
                {
                    **complete,
                    "name": "Complete Customer",
                    "crm_last_verified_date": cls.today - relativedelta(months=1),
                },
                {
                    **complete,
                    "name": "Incomplete Customer",
                    "city": False,
                    "crm_last_verified_date": cls.today - relativedelta(months=1),
                },
            ]
        )

    def _reviews(self, partners):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    # Completeness

    def test_completeness_of_incomplete_profile(self):
        self.assertEqual(self.incomplete.crm_profile_completeness, 67)
        self.assertEqual(self.incomplete.crm_profile_missing, "City")
        self.assertTrue(self.incomplete.crm_profile_incomplete)

    def test_completeness_of_complete_profile(self):
        self.assertEqual(self.complete.crm_profile_completeness, 100)
        self.assertEqual(self.complete.crm_profile_missing, "")
        self.assertFalse(self.complete.crm_profile_incomplete)

    def test_completeness_lists_every_missing_field(self):
        partner = self.env["res.partner"].create({"name": "Bare Customer"})
        self.assertEqual(partner.crm_profile_completeness, 0)
        self.assertEqual(
            set(partner.crm_profile_missing.split(", ")), {"Phone", "Email", "City"}
        )

    def test_completeness_follows_company_fields(self):
        street = self.env["ir.model.fields"]._get("res.partner", "street")
        self.company.crm_profile_field_ids = [Command.set(street.ids)]
        self.assertEqual(self.complete.crm_profile_completeness, 0)
        self.assertEqual(self.complete.crm_profile_missing, "Street")
        self.assertTrue(self.complete.crm_profile_incomplete)

    def test_no_configured_field_is_complete(self):
        self.company.crm_profile_field_ids = [Command.clear()]
        self.assertEqual(self.incomplete.crm_profile_completeness, 100)
        self.assertFalse(self.incomplete.crm_profile_incomplete)

    def test_search_incomplete(self):
        partners = self.complete | self.incomplete
        domain = [("id", "in", partners.ids)]
        Partner = self.env["res.partner"]
        self.assertEqual(
            Partner.search(domain + [("crm_profile_incomplete", "=", True)]),
            self.incomplete,
        )
        self.assertEqual(
            Partner.search(domain + [("crm_profile_incomplete", "=", False)]),
            self.complete,
        )
        self.assertEqual(
            Partner.search(domain + [("crm_profile_incomplete", "!=", True)]),
            self.complete,
        )

    def test_search_incomplete_empty_string_is_missing(self):
        self.complete.city = ""
        self.assertTrue(self.complete.crm_profile_incomplete)
        self.assertEqual(
            self.env["res.partner"].search(
                [
                    ("id", "=", self.complete.id),
                    ("crm_profile_incomplete", "=", True),
                ]
            ),
            self.complete,
        )

    # Key contacts

    def test_key_contacts(self):
        company = self.env["res.partner"].create(
            {"name": "Green Grocer Ltd", "is_company": True}
        )
        key, _other, archived = self.env["res.partner"].create(
            [
                {"name": "Buyer", "parent_id": company.id, "crm_is_key_contact": True},
                {"name": "Driver", "parent_id": company.id},
                {
                    "name": "Former buyer",
                    "parent_id": company.id,
                    "crm_is_key_contact": True,
                    "active": False,
                },
            ]
        )
        self.assertEqual(company.crm_key_contact_ids, key)
        self.assertFalse(archived.active)

    # Review to-dos

    def test_review_for_incomplete_profile(self):
        activities = self.env["res.partner"]._crm_schedule_profile_reviews(
            today=self.today
        )
        review = activities.filtered(lambda a: a.res_id == self.incomplete.id)
        self.assertEqual(len(review), 1)
        self.assertEqual(review.res_model, "res.partner")
        self.assertEqual(review.activity_type_id, self.activity_type)
        self.assertEqual(review.user_id, self.care_user)
        self.assertEqual(review.date_deadline, self.today + relativedelta(days=7))
        self.assertEqual(review.summary, "Complete and verify the customer profile")
        self.assertIn("Missing: City", review.note)
        self.assertEqual(self._reviews(self.incomplete), review)

    def test_review_for_never_verified_profile(self):
        self.complete.crm_last_verified_date = False
        self.env["res.partner"]._crm_schedule_profile_reviews(today=self.today)
        review = self._reviews(self.complete)
        self.assertEqual(len(review), 1)
        self.assertEqual(review.user_id, self.care_user)

    def test_review_for_stale_verification(self):
        self.complete.crm_last_verified_date = self.today - relativedelta(months=13)
        self.env["res.partner"]._crm_schedule_profile_reviews(today=self.today)
        self.assertEqual(len(self._reviews(self.complete)), 1)

    def test_no_review_for_verified_complete_profile(self):
        self.env["res.partner"]._crm_schedule_profile_reviews(today=self.today)
        self.assertFalse(self._reviews(self.complete))

    def test_no_review_without_account_manager(self):
        self.incomplete.user_id = False
        self.env["res.partner"]._crm_schedule_profile_reviews(today=self.today)
        self.assertFalse(self._reviews(self.incomplete))

    def test_no_review_for_contacts(self):
        contact = self.env["res.partner"].create(
            {
                "name": "Contact",
                "parent_id": self.complete.id,
                "customer_rank": 1,
                "user_id": self.care_user.id,
            }
        )
        self.env["res.partner"]._crm_schedule_profile_reviews(today=self.today)
        self.assertFalse(self._reviews(contact))

    def test_no_second_review_while_open(self):
        Partner = self.env["res.partner"]
        first = Partner._crm_schedule_profile_reviews(today=self.today)
        second = Partner._crm_schedule_profile_reviews(today=self.today)
        self.assertEqual(
            len(first.filtered(lambda a: a.res_id == self.incomplete.id)), 1
        )
        self.assertFalse(second.filtered(lambda a: a.res_id == self.incomplete.id))
        self.assertEqual(len(self._reviews(self.incomplete)), 1)

    def test_new_review_after_done(self):
        Partner = self.env["res.partner"]
        Partner._crm_schedule_profile_reviews(today=self.today)
        first = self._reviews(self.incomplete)
        first.action_feedback(feedback="Customer did not answer")
        self.assertFalse(self._reviews(self.incomplete))
        later = self.today + relativedelta(days=7)
        Partner._crm_schedule_profile_reviews(today=later)
        second = self._reviews(self.incomplete)
        self.assertEqual(len(second), 1)
        self.assertNotEqual(second, first)
        self.assertEqual(second.date_deadline, later + relativedelta(days=7))

    def test_mark_verified_stops_reviews(self):
        self.complete.crm_last_verified_date = False
        self.complete.action_crm_mark_verified()
        self.assertEqual(
            self.complete.crm_last_verified_date,
            fields.Date.context_today(self.complete),
        )
        self.env["res.partner"]._crm_schedule_profile_reviews(today=self.today)
        self.assertFalse(self._reviews(self.complete))

    def test_zero_review_months_refused(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as error:
            self.company.crm_profile_review_months = 0
            self.company.flush_recordset()
        self.assertIn(
            "res_company_crm_profile_review_months_positive", str(error.exception)
        )
        self.company.invalidate_recordset()
        self.assertEqual(self.company.crm_profile_review_months, 12)
