# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import freeze_time, new_test_user, tagged

from .test_membership_tier import MembershipTierCase


@tagged("post_install", "-at_install")
class TestMultiCompanyCrons(MembershipTierCase):
    """Scheduled work applies each company's settings to its own customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.partner"].search([("birthdate_date", "!=", False)]).write(
            {"birthdate_date": False}
        )
        cls.company_b = cls.env["res.company"].create({"name": "Fresh Shop B"})
        cls.company.write(
            {
                "crm_birthday_notice_days": 7,
                "crm_birthday_user_id": False,
                "crm_profile_review_months": 12,
            }
        )
        cls.company_b.write(
            {
                "crm_birthday_notice_days": 2,
                "crm_birthday_user_id": False,
                "crm_profile_review_months": 24,
            }
        )
        cls.care_user_b = new_test_user(
            cls.env,
            login="care_user_b",
            groups="crm_fresh_loyalty.group_customer_care_user",
            company_id=cls.company_b.id,
            company_ids=[Command.set(cls.company_b.ids)],
        )

    def _customer(self, name, company, **vals):
        return self.env["res.partner"].create(
            {"name": name, "customer_rank": 1, "company_id": company.id, **vals}
        )

    def _run_cron(self, method):
        with patch.object(
            type(self.env["ir.cron"]),
            "_commit_progress",
            lambda _cron, processed, remaining=None: 1.0,
        ):
            getattr(self.env["res.partner"], method)()

    def _activities(self, partners, xmlid):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("activity_type_id", "=", self.env.ref(xmlid).id),
            ]
        )

    def test_birthday_cron_uses_each_company_notice_days(self):
        # Birthdays in 5 days: within the 7 notice days of the first company,
        # not within the 2 of the second.
        customer_a = self._customer(
            "Li Na", self.company, birthdate_date=date(1990, 3, 15)
        )
        customer_b = self._customer(
            "Wang Fang", self.company_b, birthdate_date=date(1991, 3, 15)
        )
        with freeze_time("2027-03-10 12:00:00"):
            self._run_cron("_cron_birthdays")
        gift = "crm_fresh_loyalty.mail_activity_type_birthday_gift"
        self.assertEqual(len(self._activities(customer_a, gift)), 1)
        self.assertFalse(self._activities(customer_b, gift))
        with freeze_time("2027-03-13 12:00:00"):
            self._run_cron("_cron_birthdays")
        self.assertEqual(len(self._activities(customer_b, gift)), 1)
        self.assertEqual(len(self._activities(customer_a, gift)), 1)

    def test_profile_review_cron_uses_each_company_months(self):
        # Verified 13 months ago: stale for the first company (12 months),
        # not for the second (24 months).
        verified = fields.Date.context_today(self.customer) - relativedelta(months=13)
        customer_a = self._customer(
            "Zhao Lei",
            self.company,
            user_id=self.care_user.id,
            crm_last_verified_date=verified,
        )
        customer_b = self._customer(
            "Sun Li",
            self.company_b,
            user_id=self.care_user_b.id,
            crm_last_verified_date=verified,
        )
        self.company.crm_profile_field_ids = [Command.clear()]
        self.company_b.crm_profile_field_ids = [Command.clear()]
        self._run_cron("_cron_schedule_profile_reviews")
        review = "crm_fresh_loyalty.mail_activity_type_profile_review"
        self.assertEqual(len(self._activities(customer_a, review)), 1)
        self.assertFalse(self._activities(customer_b, review))
