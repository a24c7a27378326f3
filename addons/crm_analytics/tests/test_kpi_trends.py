# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import AnalyticsCase


@tagged("post_install", "-at_install")
class TestKpiTrends(AnalyticsCase):
    """The KPI Trends graph reads the snapshots as the web client's graph
    view does: grouped by the fields of its arch, the measure by its
    aggregator, with the action's context over ``fill_temporal``, which the
    graph turns on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.snapshots = cls.env["crm.kpi.snapshot"]
        cls.action = cls.env.ref("crm_analytics.crm_kpi_snapshot_action_trends")
        cls.graph = etree.fromstring(cls.snapshots.get_view(view_type="graph")["arch"])

    def _graph_points(self):
        groupby = [
            f"{node.get('name')}:{node.get('interval')}"
            if node.get("interval")
            else node.get("name")
            for node in self.graph.iter("field")
            if node.get("type") != "measure"
        ]
        aggregate = f"value:{self.snapshots._fields['value'].aggregator}"
        context = {"fill_temporal": True, **safe_eval(self.action.context)}
        groups = self.snapshots.with_context(**context).formatted_read_group(
            [("company_id", "=", self.company.id)], groupby, [aggregate]
        )
        return [
            (group[groupby[0]][1], group["kpi"], group[aggregate]) for group in groups
        ]

    def test_monthly_average_of_the_days_and_no_zero_for_missing_months(self):
        """Two days of January average (a rate is not summed); February,
        when the nightly run did not run, is left out rather than drawn at
        zero."""
        self.snapshots.create(
            [
                {
                    "company_id": self.company.id,
                    "channel": "all",
                    "kpi": kpi,
                    "date": day,
                    "value": value,
                }
                for kpi, day, value in [
                    ("repurchase_rate", date(2025, 1, 1), 10.0),
                    ("repurchase_rate", date(2025, 1, 2), 30.0),
                    ("repurchase_rate", date(2025, 3, 1), 50.0),
                    ("churn_rate", date(2025, 1, 1), 5.0),
                ]
            ]
        )
        self.assertEqual(
            self._graph_points(),
            [
                ("January 2025", "churn_rate", 5.0),
                ("January 2025", "repurchase_rate", 20.0),
                ("March 2025", "repurchase_rate", 50.0),
            ],
        )

    def test_curves_are_not_stacked(self):
        """Each KPI is drawn at its own value, not piled on the others."""
        self.assertEqual(self.graph.get("type"), "line")
        self.assertEqual(self.graph.get("stacked"), "0")
