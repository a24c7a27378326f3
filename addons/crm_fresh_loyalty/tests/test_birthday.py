# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import date
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from odoo.addons.sms.models.sms_sms import SmsSms

from .common import CustomerCareCase

TODAY = date(2027, 3, 10)


@tagged("post_install", "-at_install")
class TestBirthday(CustomerCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Only the customers of these tests have a birthday.
        cls.env["res.partner"].search([("birthdate_date", "!=", False)]).write(
            {"birthdate_date": False}
        )
        cls.company.write(
            {
                "crm_birthday_notice_days": 7,
                "crm_birthday_late_days": 3,
                "crm_birthday_user_id": False,
            }
        )
        cls.gift_type = cls.env.ref(
            "crm_fresh_loyalty.mail_activity_type_birthday_gift"
        )
        cls.customer = cls._customer("Zhang Wei", date(1990, 3, 17))
        cls.Partner = cls.env["res.partner"]

    @classmethod
    def _customer(cls, name, birthdate, **vals):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "birthdate_date": birthdate,
                "customer_rank": 1,
                "email": f"{name.lower().replace(' ', '.')}@example.com",
                "crm_preferred_channel": "email",
                "user_id": cls.care_user.id,
                **vals,
            }
        )

    def _gift_tasks(self, partners=None):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", (partners or self.customer).ids),
                ("activity_type_id", "=", self.gift_type.id),
            ]
        )

    def _greeting_mails(self, partner=None):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", (partner or self.customer).id),
                ("subject", "like", "Happy birthday"),
            ]
        )

    # Gift task

    def test_gift_task_one_week_before(self):
        self.Partner._crm_plan_birthday_gifts(today=TODAY)
        task = self._gift_tasks()
        self.assertEqual(len(task), 1)
        self.assertEqual(task.user_id, self.care_user)
        self.assertEqual(task.date_deadline, date(2027, 3, 17))
        self.assertEqual(task.summary, "Birthday gift for Zhang Wei")
        self.assertEqual(self.customer.crm_birthday_task_year, 2027)

    def test_no_gift_task_eight_days_before(self):
        self.Partner._crm_plan_birthday_gifts(today=date(2027, 3, 9))
        self.assertFalse(self._gift_tasks())
        self.assertFalse(self.customer.crm_birthday_task_year)

    def test_gift_task_days_configurable(self):
        self.company.crm_birthday_notice_days = 3
        self.Partner._crm_plan_birthday_gifts(today=TODAY)
        self.assertFalse(self._gift_tasks())
        self.Partner._crm_plan_birthday_gifts(today=date(2027, 3, 14))
        self.assertEqual(len(self._gift_tasks()), 1)

    def test_gift_task_planned_once_when_run_twice(self):
        self.Partner._crm_plan_birthday_gifts(today=TODAY)
        self.Partner._crm_plan_birthday_gifts(today=TODAY)
        self.Partner._crm_plan_birthday_gifts(today=date(2027, 3, 12))
        self.assertEqual(len(self._gift_tasks()), 1)

    def test_gift_task_again_next_year(self):
        self.Partner._crm_plan_birthday_gifts(today=TODAY)
        self._gift_tasks().action_done()
        self.Partner._crm_plan_birthday_gifts(today=date(2028, 3, 10))
        self.assertEqual(len(self._gift_tasks()), 1)
        self.assertEqual(self.customer.crm_birthday_task_year, 2028)

    def test_gift_task_across_new_year(self):
        customer = self._customer("Liu Yang", date(1985, 1, 2))
        self.Partner._crm_plan_birthday_gifts(today=date(2026, 12, 28))
        self.assertEqual(self._gift_tasks(customer).date_deadline, date(2027, 1, 2))
        self.assertEqual(customer.crm_birthday_task_year, 2027)

    def test_no_gift_task_after_birthday(self):
        self.Partner._crm_plan_birthday_gifts(today=date(2027, 3, 18))
        self.assertFalse(self._gift_tasks())

    def test_gift_task_mentions_tier_gift(self):
        program = self.env["loyalty.program"].create(
            {"name": "Club", "program_type": "loyalty"}
        )
        tier = self.env["crm.membership.tier"].create(
            {
                "name": "Gold",
                "program_id": program.id,
                "qualify_spend": 100,
                "birthday_gift": "A box of seasonal fruit",
            }
        )
        card = self.env["loyalty.card"].create(
            {"program_id": program.id, "partner_id": self.customer.id}
        )
        card._crm_set_tier(tier, "manual", note="test")
        self.Partner._crm_plan_birthday_gifts(today=TODAY)
        self.assertIn("A box of seasonal fruit", str(self._gift_tasks().note))

    def test_gift_task_without_account_manager_to_default_user(self):
        self.customer.user_id = False
        self.company.crm_birthday_user_id = self.care_manager
        self.Partner._crm_plan_birthday_gifts(today=TODAY)
        self.assertEqual(self._gift_tasks().user_id, self.care_manager)

    def test_gift_task_without_account_manager_unassigned(self):
        self.customer.user_id = False
        self.Partner._crm_plan_birthday_gifts(today=TODAY)
        task = self._gift_tasks()
        self.assertEqual(len(task), 1)
        self.assertFalse(task.user_id)

    # Greeting

    def test_greeting_by_email_on_the_day(self):
        with patch.object(SmsSms, "send", autospec=True) as send:
            greeted = self.Partner._crm_send_birthday_greetings(today=date(2027, 3, 17))
        self.assertEqual(greeted, self.customer)
        mail = self._greeting_mails()
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.subject, "Happy birthday, Zhang Wei!")
        self.assertEqual(mail.recipient_ids, self.customer)
        self.assertEqual(self.customer.crm_birthday_greeting_year, 2027)
        send.assert_not_called()

    def test_greeting_by_sms_on_the_day(self):
        self.customer.write(
            {"crm_preferred_channel": "sms", "phone": "+86 138 0013 8000"}
        )
        with patch.object(SmsSms, "send", autospec=True) as send:
            self.Partner._crm_send_birthday_greetings(today=date(2027, 3, 17))
        sms = self.env["sms.sms"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(len(sms), 1)
        self.assertIn("happy birthday, Zhang Wei!", sms.body)
        self.assertEqual(re.sub(r"\D", "", sms.number), "8613800138000")
        # queued for Odoo's SMS queue, not sent inside the cron's transaction
        self.assertEqual(sms.state, "outgoing")
        send.assert_not_called()
        self.assertFalse(self._greeting_mails())

    def test_no_greeting_before_the_day(self):
        self.Partner._crm_send_birthday_greetings(today=date(2027, 3, 16))
        self.assertFalse(self._greeting_mails())
        self.assertFalse(self.customer.crm_birthday_greeting_year)

    def test_greeting_once_when_run_twice(self):
        self.Partner._crm_send_birthday_greetings(today=date(2027, 3, 17))
        again = self.Partner._crm_send_birthday_greetings(today=date(2027, 3, 17))
        late = self.Partner._crm_send_birthday_greetings(today=date(2027, 3, 18))
        self.assertFalse(again | late)
        self.assertEqual(len(self._greeting_mails()), 1)

    def test_greeting_sent_by_late_run(self):
        greeted = self.Partner._crm_send_birthday_greetings(today=date(2027, 3, 20))
        self.assertEqual(greeted, self.customer)
        self.assertEqual(len(self._greeting_mails()), 1)

    def test_greeting_skipped_when_too_late(self):
        greeted = self.Partner._crm_send_birthday_greetings(today=date(2027, 3, 21))
        self.assertFalse(greeted)
        self.assertFalse(self._greeting_mails())

    def test_greeting_unreachable_customer_marked_done(self):
        self.customer.email = False
        greeted = self.Partner._crm_send_birthday_greetings(today=date(2027, 3, 17))
        self.assertFalse(greeted)
        self.assertEqual(self.customer.crm_birthday_greeting_year, 2027)

    def test_busy_customer_left_for_next_run(self):
        with patch.object(
            type(self.Partner), "try_lock_for_update", lambda records: records[:0]
        ):
            greeted = self.Partner._crm_send_birthday_greetings(today=date(2027, 3, 17))
        self.assertFalse(greeted)
        self.assertFalse(self.customer.crm_birthday_greeting_year)
        greeted = self.Partner._crm_send_birthday_greetings(today=date(2027, 3, 17))
        self.assertEqual(greeted, self.customer)

    # 29 February

    def test_feb_29_greeted_on_feb_28_in_common_year(self):
        leapling = self._customer("Chen Jing", date(2000, 2, 29))
        greeted = self.Partner._crm_send_birthday_greetings(today=date(2027, 2, 28))
        self.assertEqual(greeted, leapling)
        self.assertEqual(leapling.crm_birthday_greeting_year, 2027)

    def test_feb_29_greeted_on_feb_29_in_leap_year(self):
        leapling = self._customer("Chen Jing", date(2000, 2, 29))
        self.company.crm_birthday_late_days = 0
        self.assertFalse(
            self.Partner._crm_send_birthday_greetings(today=date(2028, 2, 28))
        )
        greeted = self.Partner._crm_send_birthday_greetings(today=date(2028, 2, 29))
        self.assertEqual(greeted, leapling)

    def test_feb_29_gift_task_in_common_year(self):
        leapling = self._customer("Chen Jing", date(2000, 2, 29))
        self.Partner._crm_plan_birthday_gifts(today=date(2027, 2, 21))
        self.assertEqual(self._gift_tasks(leapling).date_deadline, date(2027, 2, 28))

    # Who is concerned

    def test_customers_without_birthday_ignored(self):
        no_birthday = self._customer("Huang Min", False)
        self.Partner._crm_plan_birthday_gifts(today=TODAY)
        greeted = self.Partner._crm_send_birthday_greetings(today=date(2027, 3, 17))
        self.assertFalse(self._gift_tasks(no_birthday))
        self.assertNotIn(no_birthday, greeted)

    def test_companies_and_their_contacts_excluded(self):
        company = self._customer("Fresh Mart Ltd", date(2001, 3, 17), is_company=True)
        contact = self._customer(
            "Zhao Lei", date(1980, 3, 17), parent_id=company.id, type="contact"
        )
        self.Partner._crm_plan_birthday_gifts(today=TODAY)
        greeted = self.Partner._crm_send_birthday_greetings(today=date(2027, 3, 17))
        self.assertFalse(self._gift_tasks(company | contact))
        self.assertEqual(greeted, self.customer)

    def test_non_customers_excluded(self):
        supplier = self._customer("Sun Li", date(1975, 3, 17), customer_rank=0)
        greeted = self.Partner._crm_send_birthday_greetings(today=date(2027, 3, 17))
        self.assertNotIn(supplier, greeted)

    # Settings and scheduled action

    def test_negative_notice_days_refused(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.company.crm_birthday_notice_days = -1
            self.company.flush_recordset()

    def test_negative_late_days_refused(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.company.crm_birthday_late_days = -1
            self.company.flush_recordset()

    def test_cron_plans_and_greets_in_batches(self):
        week_ahead = self._customer("Xu Jun", date(1995, 3, 24)) | self._customer(
            "Ma Li", date(1992, 3, 24)
        )
        committed = []
        with (
            freeze_time("2027-03-17 12:00:00"),
            patch("odoo.addons.crm_fresh_loyalty.models.res_partner.BATCH_SIZE", 1),
            patch.object(
                type(self.env["ir.cron"]),
                "_commit_progress",
                lambda _cron, processed, remaining=None: (
                    committed.append((processed, remaining)) or 1.0
                ),
            ),
        ):
            self.Partner._cron_birthdays()
        # Three gift tasks (today and in a week), then one greeting.
        self.assertEqual(committed, [(1, 2), (1, 1), (1, 0), (1, 0)])
        self.assertEqual(len(self._greeting_mails()), 1)
        self.assertEqual(len(self._gift_tasks(week_ahead)), 2)
