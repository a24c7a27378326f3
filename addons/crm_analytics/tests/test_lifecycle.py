# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from psycopg2.errors import UniqueViolation

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AnalyticsCase


class LifecycleCase(AnalyticsCase):
    def _stage(self, partner):
        row = self._row(partner)
        return row.lifecycle_stage, row.churn_reason

    def _interactions(self, partner, days_ago_list):
        for days_ago in days_ago_list:
            message = partner.message_post(body="Called", message_type="comment")
            message.sudo().date = datetime.combine(
                self.today - timedelta(days=days_ago), time(10)
            )


@tagged("post_install", "-at_install")
class TestLifecycleStages(LifecycleCase):
    def test_prospect_without_purchase(self):
        prospect = self._customer("Prospect")
        self._run("rfm", "lifecycle")
        self.assertEqual(self._stage(prospect), ("prospect", False))

    def test_new_customer(self):
        customer = self._customer("Newcomer")
        self._orders([(customer, 10, 20.0)])
        self._run("rfm", "lifecycle")
        self.assertEqual(self._stage(customer), ("new", False))

    def test_churned_after_a_year_without_purchase(self):
        customer = self._customer("Gone")
        self._orders([(customer, 500, 20.0), (customer, 400, 20.0)])
        self._run("rfm", "lifecycle")
        self.assertEqual(self._stage(customer), ("churned", False))

    def test_loyal_and_active(self):
        # F ranks the repeat buyers among themselves: five orders against two
        loyal, active = self._customer("Loyal"), self._customer("Active")
        self._orders(
            [(loyal, days, 20.0) for days in (150, 110, 70, 30, 5)]
            + [(active, 100, 20.0), (active, 60, 20.0)]
        )
        self._run("rfm", "lifecycle")
        self.assertEqual(self._stage(loyal), ("loyal", False))
        self.assertEqual(self._stage(active), ("active", False))
        row = self._row(loyal)
        self.assertEqual((row.order_count, row.median_interval_days), (5, 40.0))
        self.assertEqual(row.last_purchase_date, self.today - timedelta(days=5))


@tagged("post_install", "-at_install")
class TestChurnWarning(LifecycleCase):
    def test_warning_past_k_times_own_median_interval(self):
        # every 10 days, silent for 70: 70 > 2 x 10
        customer = self._customer("Regular")
        self._orders([(customer, days, 20.0) for days in (100, 90, 80, 70)])
        self._run("rfm", "lifecycle")
        self.assertEqual(self._stage(customer), ("churn_warning", "interval"))
        self.assertEqual(self._row(customer).median_interval_days, 10.0)

    def test_no_warning_within_own_interval(self):
        # every 60 days, silent for 80: 80 < 2 x 60
        customer = self._customer("Monthly-ish")
        self._orders([(customer, days, 20.0) for days in (200, 140, 80)])
        self._run("rfm", "lifecycle")
        self.assertEqual(self._stage(customer), ("active", False))

    def test_factor_is_configurable(self):
        customer = self._customer("Monthly-ish")
        self._orders([(customer, days, 20.0) for days in (200, 140, 80)])
        self.company.crm_churn_factor = 1.2  # 80 > 1.2 x 60
        self._run("rfm", "lifecycle")
        self.assertEqual(self._stage(customer), ("churn_warning", "interval"))

    def test_default_interval_below_three_orders(self):
        # own gap of 10 days would warn; the default of 60 days does not
        # (100 < 2 x 60), and 130 days does
        recent, late = self._customer("Recent"), self._customer("Late")
        self._orders(
            [(recent, 110, 20.0), (recent, 100, 20.0)]
            + [(late, 140, 20.0), (late, 130, 20.0)]
        )
        self._run("rfm", "lifecycle")
        self.assertEqual(self._stage(recent), ("active", False))
        self.assertEqual(self._stage(late), ("churn_warning", "interval"))

    def test_warning_when_interactions_halved(self):
        customer = self._customer("Quieter")
        self._orders([(customer, days, 20.0) for days in (100, 70, 40, 10)])
        self._interactions(customer, [100, 110, 120, 130, 10])
        self._run("rfm", "lifecycle")
        self.assertEqual(self._stage(customer), ("churn_warning", "interactions"))

    def test_no_warning_when_interactions_held_up(self):
        customer = self._customer("Talkative")
        self._orders([(customer, days, 20.0) for days in (100, 70, 40, 10)])
        self._interactions(customer, [100, 110, 120, 130, 10, 20])
        self._run("rfm", "lifecycle")
        self.assertEqual(self._stage(customer), ("active", False))

    def test_interactions_of_contacts_count_for_the_company(self):
        company = self._customer("Buyer Co", is_company=True)
        contact = self._customer("Buyer", parent_id=company.id)
        self._orders([(company, days, 20.0) for days in (100, 70, 40, 10)])
        self._interactions(contact, [100, 110, 120, 130])
        self._run("rfm", "lifecycle")
        self.assertEqual(self._stage(company), ("churn_warning", "interactions"))


@tagged("post_install", "-at_install")
class TestRetention(LifecycleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.care_user
        cls.customer = cls._customer("Silent", user_id=cls.manager.id)
        # two orders, silent for 190 days: past 2 x the default 60 days, and
        # already 40 days ago
        cls._orders([(cls.customer, 200, 20.0), (cls.customer, 190, 20.0)])
        cls.activity_type = cls.env.ref("crm_analytics.mail_activity_type_retention")

    def _episodes(self, partner=None):
        return self.env["crm.retention.episode"].search(
            [("partner_id", "=", (partner or self.customer).id)]
        )

    def _activities(self, partner=None):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", (partner or self.customer).id),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def _coupon_program(self):
        return self.env["loyalty.program"].create(
            {
                "name": "We miss you",
                "program_type": "coupons",
                "company_id": self.company.id,
                "reward_ids": [
                    Command.create(
                        {
                            "reward_type": "discount",
                            "discount": 10,
                            "required_points": 1,
                        }
                    )
                ],
            }
        )

    def test_warning_opens_episode_with_one_activity(self):
        self._run("rfm", "lifecycle", "retention")
        episode = self._episodes()
        self.assertEqual(len(episode), 1)
        self.assertEqual(
            (episode.state, episode.reason, episode.warned_on),
            ("open", "interval", self.today),
        )
        self.assertEqual(episode.deadline, self.today + timedelta(days=30))
        activity = self._activities()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager)
        self.assertEqual(episode.activity_id, activity)

    def test_second_run_adds_no_episode_nor_activity(self):
        self._run("rfm", "lifecycle", "retention")
        self._run("rfm", "lifecycle", "retention")
        self.assertEqual(len(self._episodes()), 1)
        self.assertEqual(len(self._activities()), 1)

    def test_done_activity_is_not_planned_again(self):
        self._run("rfm", "lifecycle", "retention")
        self._activities().action_feedback(feedback="Left a voicemail")
        self._run("rfm", "lifecycle", "retention")
        self.assertFalse(self._activities())
        self.assertTrue(self._episodes().activity_planned)

    def test_open_activity_of_customer_is_reused(self):
        existing = self.customer.activity_schedule(
            activity_type_id=self.activity_type.id, user_id=self.manager.id
        )
        self._run("rfm", "lifecycle", "retention")
        self.assertEqual(self._activities(), existing)
        self.assertEqual(self._episodes().activity_id, existing)

    def test_no_activity_without_account_manager(self):
        orphan = self._customer("No manager")
        self._orders([(orphan, 140, 20.0), (orphan, 130, 20.0)])
        self._run("rfm", "lifecycle", "retention")
        self.assertEqual(len(self._episodes(orphan)), 1)
        self.assertFalse(self._activities(orphan))

    def test_one_coupon_per_episode(self):
        program = self._coupon_program()
        self.company.crm_retention_program_id = program
        self._run("rfm", "lifecycle", "retention")
        self._run("rfm", "lifecycle", "retention")
        coupons = self.env["loyalty.card"].search(
            [("program_id", "=", program.id), ("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(len(coupons), 1)
        self.assertEqual(coupons.points, 1.0)
        self.assertEqual(coupons.expiration_date, self.today + timedelta(days=30))
        self.assertEqual(self._episodes().coupon_id, coupons)

    def test_archived_customer_gets_no_coupon(self):
        self.company.crm_retention_program_id = self._coupon_program()
        self._run("rfm", "lifecycle")
        self.customer.action_archive()
        self._run("retention")
        episode = self._episodes()
        self.assertEqual(episode.state, "open")
        self.assertFalse(episode.coupon_issued)

    def test_no_coupon_without_program(self):
        self._run("rfm", "lifecycle", "retention")
        self.assertFalse(self._episodes().coupon_id)

    def test_retention_program_must_be_coupons(self):
        program = self._coupon_program()
        program.program_type = "promotion"
        with self.assertRaisesRegex(ValidationError, "Coupons program"):
            self.company.crm_retention_program_id = program

    def test_customer_who_came_back_is_won_back(self):
        warned_on = self.today - timedelta(days=10)
        self._run("rfm", "lifecycle", "retention", today=warned_on)
        self._orders([(self.customer, 5, 30.0)])
        self._run("rfm", "lifecycle", "retention")
        episode = self._episodes()
        self.assertEqual(
            (episode.state, episode.came_back_on, episode.days_to_return),
            ("won_back", self.today - timedelta(days=5), 5),
        )
        self.assertEqual(episode.won_back_count, 1)
        self.assertEqual(self._stage(self.customer), ("won_back", False))

    def test_customer_silent_past_deadline_is_lost_once(self):
        self._run(
            "rfm", "lifecycle", "retention", today=self.today - timedelta(days=40)
        )
        self._run("rfm", "lifecycle", "retention")
        episode = self._episodes()
        self.assertEqual(len(episode), 1)
        self.assertEqual((episode.state, episode.came_back_on), ("lost", False))
        self.assertEqual(self._stage(self.customer), ("churn_warning", "interval"))

    def test_late_return_is_not_retention(self):
        self._run(
            "rfm", "lifecycle", "retention", today=self.today - timedelta(days=40)
        )
        self._orders([(self.customer, 2, 30.0)])  # 38 days after: window is 30
        self._run("rfm", "lifecycle", "retention")
        self.assertEqual(self._episodes().state, "lost")

    def test_one_open_episode_per_customer(self):
        self._run("rfm", "lifecycle", "retention")
        with (
            self.assertRaises(UniqueViolation),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.env["crm.retention.episode"].create(
                {
                    "partner_id": self.customer.id,
                    "company_id": self.company.id,
                    "warned_on": self.today,
                }
            )
