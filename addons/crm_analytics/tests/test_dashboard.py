# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from lxml import etree

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import AnalyticsCase


class DashboardCase(AnalyticsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboard = cls.env["crm.analytics.dashboard"]

    @classmethod
    def _snapshots(cls, specs, company=None):
        """Snapshots from ``(kpi, channel, days_ago, value)``."""
        cls.env["crm.kpi.snapshot"].create(
            [
                {
                    "company_id": (company or cls.company).id,
                    "kpi": kpi,
                    "channel": channel,
                    "date": cls.today - timedelta(days=days_ago),
                    "value": value,
                }
                for kpi, channel, days_ago, value in specs
            ]
        )

    @classmethod
    def _analytics(cls, specs, company=None):
        """Customers and their analytics from ``(name, segment, stage,
        churn_reason, value_class)``."""
        partners = cls.env["res.partner"]
        for name, segment, stage, reason, value_class in specs:
            partner = cls._customer(name)
            cls.env["crm.customer.analytics"].create(
                {
                    "partner_id": partner.id,
                    "company_id": (company or cls.company).id,
                    "segment": segment,
                    "lifecycle_stage": stage,
                    "churn_reason": reason,
                    "value_class": value_class,
                }
            )
            partners |= partner
        return partners

    def _data(self, **filters):
        return self.dashboard.get_dashboard_data(company_id=self.company.id, **filters)

    def _cards(self, **filters):
        return {card["kpi"]: card for card in self._data(**filters)["kpis"]}

    def _partners(self, action):
        self.assertEqual(action["res_model"], "res.partner")
        return self.env["res.partner"].search(action["domain"])


@tagged("post_install", "-at_install")
class TestDashboardKpis(DashboardCase):
    """All channels, a 30-day period ending today, so the period before is
    days 30 to 59 ago:

    - active customers: 8 (40 days ago), 10 (20 days ago), 12 (today); a
      target of 10 for the year: on track;
    - churn rate: 20 (35 days ago), 25 (today), lower is better; a target of
      20 with a 10 % tolerance: off track;
    - repurchase rate 40 on the sales channel only (3 days ago), with a
      target of 30;
    - coupon redemption rate: 50, 70 days ago, before both periods.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._snapshots(
            [
                ("active_customers", "all", 40, 8),
                ("active_customers", "all", 20, 10),
                ("active_customers", "all", 0, 12),
                ("churn_rate", "all", 35, 20),
                ("churn_rate", "all", 0, 25),
                ("repurchase_rate", "sales", 3, 40),
                ("coupon_redemption_rate", "all", 70, 50),
            ]
        )
        cls.env["crm.kpi.target"].create(
            [
                {
                    "company_id": cls.company.id,
                    "year": cls.today.year,
                    "kpi": kpi,
                    "annual_target": target,
                }
                for kpi, target in (
                    ("active_customers", 10),
                    ("churn_rate", 20),
                    ("repurchase_rate", 30),
                )
            ]
        )

    def test_latest_value_previous_value_and_trend(self):
        card = self._cards(period_days=30)["active_customers"]
        self.assertEqual(
            (card["value"], card["date"]), (12, fields.Date.to_string(self.today))
        )
        self.assertEqual(card["previous_value"], 8)
        self.assertEqual(
            card["previous_date"],
            fields.Date.to_string(self.today - timedelta(days=40)),
        )
        self.assertEqual((card["trend"], card["improving"]), ("up", True))
        self.assertEqual(
            card["series"],
            [
                [fields.Date.to_string(self.today - timedelta(days=20)), 10],
                [fields.Date.to_string(self.today), 12],
            ],
        )

    def test_rise_of_a_lower_is_better_kpi_is_no_improvement(self):
        card = self._cards(period_days=30)["churn_rate"]
        self.assertEqual((card["value"], card["previous_value"]), (25, 20))
        self.assertEqual((card["trend"], card["improving"]), ("up", False))

    def test_status_against_the_quarterly_target(self):
        cards = self._cards(period_days=30)
        active, churn = cards["active_customers"], cards["churn_rate"]
        self.assertEqual((active["status"], active["target"]), ("on_track", 10))
        self.assertEqual(active["status_label"], "On Track")
        self.assertEqual((churn["status"], churn["target"]), ("off_track", 20))

    def test_only_kpis_with_a_value_in_the_period(self):
        """Coupons were redeemed before the period; the sales-channel KPI is not
        an all-channels one."""
        self.assertEqual(
            list(self._cards(period_days=30)), ["active_customers", "churn_rate"]
        )

    def test_longer_period(self):
        """Over 90 days the 40-day-old value is in the period, and nothing
        lies in the period before: no previous value, no arrow."""
        cards = self._cards(period_days=90)
        active = cards["active_customers"]
        self.assertEqual([value for _day, value in active["series"]], [8, 10, 12])
        self.assertEqual((active["previous_value"], active["trend"]), (None, False))
        self.assertEqual(cards["coupon_redemption_rate"]["value"], 50)

    def test_channel_has_its_own_kpis_and_no_status(self):
        """Targets are set for all channels: a channel's value has none."""
        cards = self._cards(channel="sales", period_days=30)
        self.assertEqual(list(cards), ["repurchase_rate"])
        self.assertEqual(cards["repurchase_rate"]["value"], 40)
        self.assertIs(cards["repurchase_rate"]["status"], False)
        self.assertIsNone(cards["repurchase_rate"]["target"])

    def test_filters(self):
        data = self._data()
        self.assertEqual(
            (data["company_id"], data["channel"], data["period_days"]),
            (self.company.id, "all", 90),
        )
        self.assertEqual(data["channels"][0]["id"], "all")
        self.assertEqual(
            {channel["id"] for channel in data["channels"]},
            {"all", "sales", "ecommerce", "pos"},
        )
        self.assertEqual([period["id"] for period in data["periods"]], [30, 90, 365])
        self.assertEqual(
            data["companies"], [{"id": self.company.id, "name": self.company.name}]
        )

    def test_unknown_channel_or_period(self):
        with self.assertRaisesRegex(UserError, "Unknown channel fax"):
            self._data(channel="fax")
        with self.assertRaisesRegex(UserError, "not 45"):
            self._data(period_days=45)

    def test_kpi_without_records_opens_its_snapshots(self):
        """A rate of coupons lists no records: the card opens the snapshots
        of the KPI over the period, in the pivot."""
        action = self.dashboard.action_open_kpi(
            "coupon_redemption_rate",
            self.company.id,
            "all",
            fields.Date.to_string(self.today),
            period_days=90,
        )
        self.assertEqual(action["res_model"], "crm.kpi.snapshot")
        self.assertEqual(action["views"][0][1], "pivot")
        snapshots = self.env["crm.kpi.snapshot"].search(action["domain"])
        self.assertEqual(snapshots.mapped("value"), [50])

    def test_unknown_kpi(self):
        with self.assertRaisesRegex(UserError, "Unknown KPI churn"):
            self.dashboard.action_open_kpi(
                "churn", self.company.id, "all", fields.Date.to_string(self.today)
            )

    def test_queries_do_not_grow_with_kpis_and_customers(self):
        def count_queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._data(period_days=90)
            return self.env.cr.sql_log_count - before

        count_queries()  # the caches of the user, the language, etc. filled
        few = count_queries()
        self._snapshots(
            [
                (kpi, "all", days_ago, 1.0)
                for kpi in ("new_customers", "repurchase_rate", "average_order_value")
                for days_ago in range(0, 90, 3)
            ]
        )
        self.env["crm.kpi.target"].create(
            {
                "company_id": self.company.id,
                "year": self.today.year,
                "kpi": "new_customers",
                "annual_target": 40,
            }
        )
        self._analytics(
            [
                (f"Customer {index}", "loyal", "active", False, "basic")
                for index in range(20)
            ]
        )
        self.assertEqual(count_queries(), few)


@tagged("post_install", "-at_install")
class TestDashboardDistributions(DashboardCase):
    """Five customers: two champions, one loyal, one lost and a prospect
    without a segment; two in churn warning (one late, one quieter)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.champions = cls._analytics(
            [
                ("Champion A", "champions", "loyal", False, "high_value"),
                ("Champion B", "champions", "active", False, "basic"),
            ]
        )
        cls.late, cls.quieter = cls._analytics(
            [
                ("Late", "loyal", "churn_warning", "interval", "basic"),
                ("Quieter", "lost", "churn_warning", "interactions", "at_risk"),
            ]
        )
        cls._analytics([("Prospect", False, "prospect", False, False)])

    def _distribution(self, field):
        distribution = self._data()["distributions"][field]
        return distribution["total"], {
            item["key"]: item["count"]
            for item in distribution["items"]
            if item["count"]
        }

    def test_segments(self):
        self.assertEqual(
            self._distribution("segment"),
            (5, {"champions": 2, "loyal": 1, "lost": 1, False: 1}),
        )

    def test_every_segment_listed_in_order_with_its_share(self):
        items = self._data()["distributions"]["segment"]["items"]
        self.assertEqual(len(items), 12)
        self.assertEqual(items[0]["key"], "champions")
        self.assertEqual(items[0]["share"], 40)
        self.assertEqual(items[1]["share"], 20)
        self.assertEqual(items[2]["count"], 0)
        # the prospect, last: segments add up to the lifecycle stages
        self.assertEqual(items[-1]["key"], False)
        self.assertEqual(items[-1]["share"], 20)

    def test_lifecycle_stages_with_the_churn_warning(self):
        self.assertEqual(
            self._distribution("lifecycle_stage"),
            (5, {"loyal": 1, "active": 1, "churn_warning": 2, "prospect": 1}),
        )
        items = self._data()["distributions"]["lifecycle_stage"]["items"]
        self.assertEqual(
            [item["key"] for item in items if item["warning"]], ["churn_warning"]
        )
        self.assertEqual(
            self._distribution("churn_reason"),
            (2, {"interval": 1, "interactions": 1}),
        )

    def test_value_classes(self):
        self.assertEqual(
            self._distribution("value_class"),
            (5, {"high_value": 1, "basic": 2, "at_risk": 1, False: 1}),
        )

    def test_segment_opens_its_customers(self):
        action = self.dashboard.action_open_customers(
            self.company.id, "segment", "champions"
        )
        self.assertEqual(self._partners(action), self.champions)
        self.assertEqual(action["views"], [(False, "list"), (False, "form")])

    def test_stage_and_churn_reason_open_their_customers(self):
        open_customers = self.dashboard.action_open_customers
        self.assertEqual(
            self._partners(
                open_customers(self.company.id, "lifecycle_stage", "churn_warning")
            ),
            self.late | self.quieter,
        )
        self.assertEqual(
            self._partners(open_customers(self.company.id, "churn_reason", "interval")),
            self.late,
        )
        self.assertEqual(
            self._partners(open_customers(self.company.id, "value_class", "at_risk")),
            self.quieter,
        )

    def test_only_analytics_fields_open(self):
        with self.assertRaisesRegex(UserError, "not by monetary"):
            self.dashboard.action_open_customers(self.company.id, "monetary", 10)
        with self.assertRaisesRegex(UserError, "not by segment = vip"):
            self.dashboard.action_open_customers(self.company.id, "segment", "vip")


@tagged("post_install", "-at_install")
class TestDashboardAccess(DashboardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._analytics([("Champion", "champions", "loyal", False, "basic")])
        cls.employee = new_test_user(
            cls.env, login="employee", groups="base.group_user"
        )
        cls.employee.company_ids |= cls.company

    def test_menu_for_customer_care(self):
        """Visible with its parents: under the app of Customer Care users."""
        menu = self.env.ref("crm_analytics.crm_analytics_dashboard_menu")
        for user, visible in (
            (self.care_user, True),
            (self.care_manager, True),
            (self.employee, False),
        ):
            menus = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertEqual(menu.id in menus, visible, user.login)

    def test_care_user_sees_the_dashboard(self):
        data = (
            self.dashboard.with_user(self.care_user)
            .with_company(self.company)
            .get_dashboard_data()
        )
        self.assertEqual(data["distributions"]["segment"]["total"], 1)

    def test_employee_outside_customer_care_sees_nothing(self):
        dashboard = self.dashboard.with_user(self.employee).with_company(self.company)
        with self.assertRaises(AccessError):
            dashboard.get_dashboard_data()
        with self.assertRaises(AccessError):
            dashboard.action_open_customers(self.company.id, "segment", "champions")


@tagged("post_install", "-at_install")
class TestDashboardMultiCompany(DashboardCase):
    """Two companies with their own snapshots and customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["res.company"].create({"name": "Other Fresh Ltd"})
        cls.env.user.company_ids |= cls.other
        cls._snapshots([("active_customers", "all", 0, 12)])
        cls._snapshots([("active_customers", "all", 0, 99)], company=cls.other)
        cls.mine = cls._analytics([("Mine", "champions", "loyal", False, "basic")])
        cls.theirs = cls._analytics(
            [("Theirs", "champions", "loyal", False, "basic")], company=cls.other
        )
        cls.care_user.write(
            {"company_id": cls.company.id, "company_ids": cls.company.ids}
        )

    def test_each_company_sees_its_own_figures(self):
        both = self.dashboard.with_context(
            allowed_company_ids=[self.company.id, self.other.id]
        )
        for company, value in ((self.company, 12), (self.other, 99)):
            data = both.get_dashboard_data(company_id=company.id)
            self.assertEqual([card["value"] for card in data["kpis"]], [value])
            self.assertEqual(data["distributions"]["segment"]["total"], 1)
        self.assertEqual(
            self._partners(
                both.action_open_customers(self.other.id, "segment", "champions")
            ),
            self.theirs,
        )

    def test_company_outside_the_switcher_is_refused(self):
        """The current companies are those of the company switcher."""
        with self.assertRaises(AccessError):
            self.dashboard.get_dashboard_data(company_id=self.other.id)
        with self.assertRaises(AccessError):
            self.dashboard.action_open_customers(self.other.id, "segment", "champions")

    def test_user_of_one_company_cannot_see_the_other(self):
        dashboard = self.dashboard.with_user(self.care_user).with_context(
            allowed_company_ids=[self.company.id, self.other.id]
        )
        with self.assertRaises(AccessError):
            dashboard.get_dashboard_data(company_id=self.other.id)
        data = self.dashboard.with_user(self.care_user).get_dashboard_data()
        self.assertEqual(data["company_id"], self.company.id)
        self.assertEqual(
            data["companies"], [{"id": self.company.id, "name": self.company.name}]
        )

    def test_menus_open_on_the_company_of_the_dashboard(self):
        """With both companies checked in the company switcher, the Segments,
        Lifecycle and Customer Value menus count the customers of the active
        company, as the dashboard does, not those of both."""
        user = new_test_user(
            self.env,
            login="crm_two_companies",
            groups="crm_fresh_loyalty.group_customer_care_user,"
            "base.group_multi_company",
            company_id=self.other.id,
            company_ids=[Command.set((self.company | self.other).ids)],
        )
        switcher = [self.other.id, self.company.id]  # the active one first
        env = self.env(user=user, context={"allowed_company_ids": switcher})
        data = env["crm.analytics.dashboard"].get_dashboard_data()
        self.assertEqual(data["company_id"], self.other.id)
        analytics = env["crm.customer.analytics"]
        # the menus' default search, as the web client builds it
        search_view = analytics.get_views([(False, "search")])["views"]["search"]
        filters = {
            node.get("name"): node.get("domain")
            for node in etree.fromstring(search_view["arch"]).iter("filter")
            if node.get("domain")
        }
        for xmlid in (
            "crm_analytics.crm_customer_analytics_action_segments",
            "crm_analytics.crm_customer_analytics_action_lifecycle",
            "crm_analytics.crm_customer_analytics_action_value",
        ):
            with self.subTest(menu=xmlid):
                action = env["ir.actions.act_window"]._for_xml_id(xmlid)
                domain = safe_eval(action["domain"])
                for key, value in safe_eval(action["context"]).items():
                    name = key.removeprefix("search_default_")
                    if value and name in filters:
                        domain += safe_eval(
                            filters[name], {"allowed_company_ids": switcher}
                        )
                self.assertEqual(analytics.search(domain).partner_id, self.theirs)
                self.assertEqual(
                    analytics.search_count(domain),
                    data["distributions"]["lifecycle_stage"]["total"],
                )


@tagged("post_install", "-at_install")
class TestDashboardKpiCustomers(DashboardCase):
    """The KPI cards open the customers they count. A 30-day period. In it:
    Alice orders twice (100 + 50), Bob once for the first time (30), Dave
    once (20). In the period before: Alice (70) and Carol (80), both buying
    for the first time. Dave first bought 100 days ago. So active: Alice,
    Bob, Dave; new: Bob; repeating: Alice; cohort (Alice, Carol) retained:
    Alice; previously active (Alice, Carol) churned: Carol."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.crm_analytics_period_days = 30
        cls.alice, cls.bob, cls.carol, cls.dave = (
            cls._customer(name) for name in ("Alice", "Bob", "Carol", "Dave")
        )
        cls._orders(
            [
                (cls.alice, 5, 100.0),
                (cls.alice, 10, 50.0),
                (cls.alice, 40, 70.0),
                (cls.bob, 3, 30.0),
                (cls.carol, 45, 80.0),
                (cls.dave, 100, 10.0),
                (cls.dave, 20, 20.0),
            ]
        )
        cls.analytics._step_kpi(cls.company, cls.today)

    def _customers_of(self, kpi, channel="all"):
        action = self.dashboard.action_open_kpi(
            kpi, self.company.id, channel, fields.Date.to_string(self.today)
        )
        return self._partners(action)

    def test_active_customers(self):
        active = self.alice | self.bob | self.dave
        self.assertEqual(self._customers_of("active_customers"), active)
        self.assertEqual(self._cards()["active_customers"]["value"], len(active))

    def test_new_customers(self):
        self.assertEqual(self._customers_of("new_customers"), self.bob)

    def test_repurchase_rate_opens_the_repeating_customers(self):
        self.assertEqual(self._customers_of("repurchase_rate"), self.alice)

    def test_cohort_retention_opens_the_retained_customers(self):
        self.assertEqual(self._customers_of("cohort_retention_rate"), self.alice)

    def test_churn_rate_opens_the_churned_customers(self):
        self.assertEqual(self._customers_of("churn_rate"), self.carol)

    def test_order_averages_open_the_active_customers(self):
        active = self.alice | self.bob | self.dave
        self.assertEqual(self._customers_of("average_order_value"), active)
        self.assertEqual(self._customers_of("purchase_frequency"), active)

    def test_channel_opens_the_customers_of_the_channel(self):
        """Every order is a sales-team order: nobody bought at the till."""
        self.assertEqual(
            self._customers_of("active_customers", "sales"),
            self.alice | self.bob | self.dave,
        )
        self.assertFalse(self._customers_of("active_customers", "pos"))
        self.assertFalse(self._customers_of("repurchase_rate", "pos"))

    def test_earlier_snapshot_opens_its_own_period(self):
        """The snapshot of 30 days ago: Alice and Carol were active, both
        new."""
        day = fields.Date.to_string(self.today - timedelta(days=30))
        action = self.dashboard.action_open_kpi(
            "new_customers", self.company.id, "all", day
        )
        self.assertEqual(self._partners(action), self.alice | self.carol)
