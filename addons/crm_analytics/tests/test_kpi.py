# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.crm_fresh_loyalty.tools import points_flow

from .common import AnalyticsCase

# Complaint KPIs, written only when crm_analytics_aftersales is installed.
COMPLAINT_KPIS = {"complaint_count", "return_rate", "satisfaction"}


class KpiCase(AnalyticsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.crm_analytics_period_days = 30
        cls.snapshots = cls.env["crm.kpi.snapshot"]

    def _kpis(self, channel="all", today=None):
        rows = self.snapshots.search(
            [
                ("company_id", "=", self.company.id),
                ("date", "=", today or self.today),
                ("channel", "=", channel),
            ]
        )
        return {row.kpi: row.value for row in rows}


@tagged("post_install", "-at_install")
class TestKpiCustomers(KpiCase):
    """A 30-day period. In it: Alice orders twice (100 + 50), Bob once for
    the first time (30), Dave once (20). In the period before: Alice (70)
    and Carol (80), both buying for the first time. Dave first bought 100
    days ago. So 3 active, 1 new (Bob), 1 repeating (Alice), a cohort of 2
    (Alice, Carol) of whom 1 came back, 2 previously active of whom 1
    (Carol) churned, 4 orders worth 200."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        alice, bob, carol, dave = (
            cls._customer(name) for name in ("Alice", "Bob", "Carol", "Dave")
        )
        cls.active = alice | bob | dave
        cls._orders(
            [
                (alice, 5, 100.0),
                (alice, 10, 50.0),
                (alice, 40, 70.0),
                (bob, 3, 30.0),
                (carol, 45, 80.0),
                (dave, 100, 10.0),
                (dave, 20, 20.0),
            ]
        )

    def test_customer_kpis(self):
        self._run("kpi")
        kpis = self._kpis()
        self.assertEqual(kpis["active_customers"], 3)
        self.assertEqual(kpis["new_customers"], 1)
        self.assertAlmostEqual(kpis["repurchase_rate"], 100 / 3, places=6)
        self.assertEqual(kpis["cohort_retention_rate"], 50)
        self.assertEqual(kpis["churn_rate"], 50)
        self.assertEqual(kpis["average_order_value"], 50)
        self.assertAlmostEqual(kpis["purchase_frequency"], 4 / 3, places=6)

    def test_channel_rows(self):
        """Every order here is a sales-team order: its channel row matches
        the all-channels row, and no other channel has a row."""
        self._run("kpi")
        customer_kpis = {"active_customers", "new_customers", "churn_rate"}
        sales = self._kpis("sales")
        self.assertEqual(
            {kpi: sales[kpi] for kpi in customer_kpis},
            {kpi: self._kpis()[kpi] for kpi in customer_kpis},
        )
        self.assertFalse(self._kpis("pos"))
        self.assertFalse(self._kpis("ecommerce"))

    def test_undefined_rate_has_no_row(self):
        """A day before any order: no customer, so no rate (not a zero)."""
        self._run("kpi", today=self.today - timedelta(days=200))
        kpis = self._kpis(today=self.today - timedelta(days=200))
        self.assertNotIn("repurchase_rate", kpis)
        self.assertNotIn("average_order_value", kpis)

    def test_rerun_replaces_the_day(self):
        self._run("kpi")
        count = self.snapshots.search_count([("company_id", "=", self.company.id)])
        self._orders([(self._customer("Eve"), 1, 50.0)])
        self._run("kpi")
        self.assertEqual(
            self.snapshots.search_count([("company_id", "=", self.company.id)]),
            count,
        )
        self.assertEqual(self._kpis()["active_customers"], 4)
        self.assertEqual(self._kpis()["new_customers"], 2)

    def test_nightly_run_takes_the_snapshot(self):
        self.analytics._crm_recompute(self.company, today=self.today)
        self.assertEqual(self._kpis()["active_customers"], 3)

    def test_complaint_kpis_only_with_the_bridge(self):
        self._run("kpi")
        bridge = self.env["ir.module.module"].search(
            [("name", "=", "crm_analytics_aftersales"), ("state", "=", "installed")]
        )
        written = set(self._kpis())
        self.assertLessEqual(
            written, set(self.snapshots._crm_kpi_definitions()), "unknown KPI code"
        )
        if bridge:
            self.assertLessEqual(COMPLAINT_KPIS - {"satisfaction"}, written)
        else:
            self.assertFalse(written & COMPLAINT_KPIS)

    def test_drill_down_to_customers(self):
        self._run("kpi")
        snapshot = self.snapshots.search(
            [
                ("company_id", "=", self.company.id),
                ("channel", "=", "all"),
                ("kpi", "=", "active_customers"),
            ]
        )
        action = snapshot.action_open_purchases()
        facts = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(facts.partner_id, self.active)


@tagged("post_install", "-at_install")
class TestKpiLoyalty(KpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        programs = cls.env["loyalty.program"].create(
            [
                {
                    "name": "Points",
                    "program_type": "loyalty",
                    "company_id": cls.company.id,
                },
                {
                    "name": "Coupons",
                    "program_type": "coupons",
                    "company_id": cls.company.id,
                },
            ]
        )
        customer = cls._customer("Loyal")
        card, coupon_used, _coupon_unused = cls.env["loyalty.card"].create(
            [
                {"program_id": program.id, "partner_id": customer.id}
                for program in (programs[0], programs[1], programs[1])
            ]
        )
        # ledger lines as the points flows book them
        points_flow(cls.env["loyalty.history"]).create(
            [
                {"card_id": card.id, "description": "Order", "issued": 120.0},
                {"card_id": card.id, "description": "Reward", "used": 45.0},
                # Neither issued nor redeemed: points expiring, and points
                # arriving from a merged card.
                {
                    "card_id": card.id,
                    "description": "Expired",
                    "used": 30.0,
                    "crm_move_type": "expired",
                },
                {
                    "card_id": card.id,
                    "description": "Merged",
                    "issued": 200.0,
                    "crm_move_type": "transferred",
                },
                {"card_id": coupon_used.id, "description": "Used", "used": 1.0},
            ]
        )

    def test_loyalty_kpis(self):
        self._run("kpi")
        kpis = self._kpis()
        self.assertEqual(kpis["points_issued"], 120)
        self.assertEqual(kpis["points_redeemed"], 45)
        self.assertEqual(kpis["coupon_redemption_rate"], 50)

    def test_points_drill_downs_list_what_the_figures_add_up(self):
        self._run("kpi")
        kpis = self._kpis()
        for kpi, column in (("points_issued", "issued"), ("points_redeemed", "used")):
            action = self.snapshots._crm_kpi_records_action(
                kpi, self.company, "all", self.today
            )
            self.assertEqual(action["res_model"], "loyalty.history")
            lines = self.env["loyalty.history"].search(action["domain"])
            self.assertEqual(sum(lines.mapped(column)), kpis[kpi], kpi)
