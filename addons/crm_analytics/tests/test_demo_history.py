# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.tests import tagged

from .common import AnalyticsCase


@tagged("post_install", "-at_install")
class TestDemoHistory(AnalyticsCase):
    """The demo's year of analytics is computed at install; a bridge
    installed after crm_analytics (POS, online shop) adds backdated orders
    with its own demo data and says so."""

    def test_purchases_added_by_a_bridge_join_the_demo_history(self):
        alice = self._customer("Alice")
        self._orders([(alice, 60, 100.0)])
        self.env["crm.demo.story"]._compute_analytics_history(self.company.id, months=1)
        self._orders([(alice, 40, 50.0)])  # the bridge's demo orders

        self.env["crm.demo.story"]._purchases_added(self.company.id)

        snapshot = self.env["crm.kpi.snapshot"].search(
            [
                ("company_id", "=", self.company.id),
                ("date", "=", self.today - timedelta(days=30)),
                ("channel", "=", "all"),
                ("kpi", "=", "purchase_frequency"),
            ]
        )
        self.assertEqual(snapshot.value, 2)
        self.assertEqual(self._row(alice).frequency, 2)
