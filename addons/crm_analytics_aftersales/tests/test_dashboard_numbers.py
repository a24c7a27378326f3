# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter
from datetime import datetime, time, timedelta
from unittest import SkipTest

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

# The KPIs that are a count of the records their drill-down lists.
COUNT_KPIS = ("active_customers", "new_customers", "complaint_count")


@tagged("post_install", "-at_install")
class TestDashboardNumbers(TransactionCase):
    """One set of numbers, on the demo data: every figure of the dashboard
    equals the records its drill-down lists and the customers the *Segments*
    and *Lifecycle* menus show, for the same day and company, including
    after the day has gone on since the nightly run."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.analytics = cls.env["crm.customer.analytics"]
        if not cls.analytics.search_count([("company_id", "=", cls.company.id)]):
            raise SkipTest("The numbers are compared on the demo data.")
        cls.env = cls.env(context=dict(cls.env.context, tz="UTC"))
        cls.dashboard = cls.env["crm.analytics.dashboard"].with_company(cls.company)
        cls.today = fields.Date.context_today(cls.dashboard)
        cls.analytics._step_kpi(cls.company, cls.today)  # the nightly run
        cls.computed_at = (
            cls.env["crm.kpi.snapshot"]
            .search([("company_id", "=", cls.company.id), ("date", "=", cls.today)])[:1]
            .computed_at
        )

    def _after_the_nightly_run(self):
        """A complaint received after the figures of the day were computed,
        and a customer archived since."""
        received = self.computed_at + timedelta(seconds=1)
        if received >= datetime.combine(self.today + timedelta(days=1), time.min):
            self.skipTest("The snapshot was computed at the very end of the day.")
        self.env["helpdesk.ticket"].create(
            {
                "name": "Mouldy strawberries",
                "description": "<p>Mouldy strawberries</p>",
                "type_id": self.env.ref(
                    "crm_aftersales.helpdesk_ticket_type_complaint"
                ).id,
                "partner_id": self.analytics.search(
                    [("company_id", "=", self.company.id)], limit=1
                ).partner_id.id,
                "company_id": self.company.id,
                "crm_received_date": received,
            }
        )
        self.analytics.search(
            [("company_id", "=", self.company.id), ("segment", "=", "lost")],
            limit=1,
        ).partner_id.action_archive()

    def _count(self, action):
        return self.env[action["res_model"]].search_count(action["domain"])

    def _menu_counts(self, xmlid, field):
        """The customers per value of ``field`` as the menu's action lists
        them by default, for the company."""
        action = self.env.ref(xmlid)
        domain = safe_eval(action.domain or "[]") + [
            ("company_id", "=", self.company.id)
        ]
        context = safe_eval(action.context or "{}")
        view = self.env.ref("crm_analytics.crm_customer_analytics_view_search")
        for name, filter_domain in (
            ("scored", "[('segment', '!=', False)]"),
            ("churn_warning", "[('lifecycle_stage', '=', 'churn_warning')]"),
        ):
            self.assertIn(f'name="{name}"', view.arch)
            if context.get(f"search_default_{name}"):
                domain += safe_eval(filter_domain)
        return Counter(dict(self.analytics._read_group(domain, [field], ["__count"])))

    def test_kpi_figures_equal_their_drill_down(self):
        self._after_the_nightly_run()

        data = self.dashboard.get_dashboard_data(self.company.id, "all", 90)

        cards = {card["kpi"]: card for card in data["kpis"]}
        self.assertTrue(set(COUNT_KPIS) <= set(cards))
        for kpi in COUNT_KPIS:
            action = self.dashboard.action_open_kpi(
                kpi, self.company.id, "all", cards[kpi]["date"], 90
            )
            self.assertEqual(self._count(action), cards[kpi]["value"], kpi)
        # The points KPIs add up the ledger lines they list; the members of
        # the demo have redeemed points in the points mall.
        for kpi, column in (("points_issued", "issued"), ("points_redeemed", "used")):
            action = self.dashboard.action_open_kpi(
                kpi, self.company.id, "all", cards[kpi]["date"], 90
            )
            lines = self.env[action["res_model"]].search(action["domain"])
            self.assertAlmostEqual(
                sum(lines.mapped(column)), cards[kpi]["value"], places=2, msg=kpi
            )
        self.assertGreater(cards["points_redeemed"]["value"], 0)
        repeating = self._count(
            self.dashboard.action_open_kpi(
                "repurchase_rate", self.company.id, "all", str(self.today), 90
            )
        )
        self.assertAlmostEqual(
            cards["repurchase_rate"]["value"],
            100.0 * repeating / cards["active_customers"]["value"],
            places=2,
        )

    def test_distributions_equal_drill_downs_and_menus(self):
        self._after_the_nightly_run()

        data = self.dashboard.get_dashboard_data(self.company.id, "all", 90)

        menus = {
            "segment": "crm_analytics.crm_customer_analytics_action_segments",
            "lifecycle_stage": "crm_analytics.crm_customer_analytics_action_lifecycle",
            "value_class": "crm_analytics.crm_customer_analytics_action_value",
        }
        for field, distribution in data["distributions"].items():
            menu = self._menu_counts(menus[field], field) if field in menus else None
            for item in distribution["items"]:
                action = self.dashboard.action_open_customers(
                    self.company.id, field, item["key"]
                )
                self.assertEqual(self._count(action), item["count"], (field, item))
                if menu is not None:
                    self.assertEqual(menu[item["key"]], item["count"], (field, item))
            if menu is not None:
                self.assertEqual(menu.total(), distribution["total"], field)
        totals = {data["distributions"][field]["total"] for field in menus}
        self.assertEqual(len(totals), 1, "segments, stages and value classes add up")
