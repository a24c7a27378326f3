# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The benchmark of tests/benchmarks works: its generator and every measure,
at a tiny scale, in the test database's transaction (rolled back).

The benchmark itself builds its own databases and runs each measure in a fresh
process (``python3 tests/benchmarks/run.py``); this checks that the generated
data is what the measures expect and that each measure does its work, so the
benchmark does not rot between two full runs.
"""

import sys
from datetime import datetime
from pathlib import Path
from unittest.mock import patch

from odoo.tests import TransactionCase, tagged

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmarks"))
import dataset
import measures

CUSTOMERS = 200


@tagged("post_install", "-at_install")
class TestBenchmark(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sizes = dataset.spec(CUSTOMERS)
        with patch.object(dataset, "log", lambda message: None):
            dataset.generate_base(
                cls.env, cls.sizes, datetime.now().replace(microsecond=0)
            )
            cls.marker = dataset.json.loads(
                cls.env["ir.config_parameter"].get_param(dataset.BASE_MARKER)
            )
            dataset.generate_suite(cls.env, cls.marker)

    def _run(self, key):
        measure = measures.MEASURES[key]
        ctx = measures.Context(self.env, self.marker)
        # one database here: a paired measure compares it with itself
        ctx.without = measures.Context(self.env, self.marker)
        if measure.prepare:
            measure.prepare(ctx)
        details = measure.function(ctx) or {}
        self.env.flush_all()
        for report in measure.reporter:
            details.update(report(ctx))
        return details

    def test_dataset_has_the_sizes_of_its_spec(self):
        counts = dataset.summary(self.env)
        self.assertEqual(
            counts,
            {
                "customers": CUSTOMERS,
                "sale_orders": self.sizes["sale_orders"],
                "ecommerce_orders": self.sizes["ecommerce_orders"],
                "sale_order_lines": 6 * CUSTOMERS,
                "pos_orders": self.sizes["pos_orders"],
                "pos_order_lines": 4 * CUSTOMERS,
                "tickets": self.sizes["tickets"],
                "ticket_replies": counts["ticket_replies"],
                "ticket_ratings": counts["ticket_ratings"],
                "returns": self.sizes["returns"],
                "cards": CUSTOMERS,
                "ledger_lines": self.sizes["ledger_lines"],
                "cards_not_matching_ledger": 0,
            },
        )

    def test_tickets_are_complaints_with_sla(self):
        tickets = self.env["helpdesk.ticket"].search([("number", "like", "HTB%")])
        self.assertEqual(len(tickets), self.sizes["tickets"])
        self.assertTrue(all(tickets.mapped("crm_is_complaint")))
        self.assertFalse(tickets.filtered(lambda t: not t.crm_sla_status))

    def test_tier_evaluation(self):
        self.assertGreater(self._run("tier_evaluation")["cards_changed_tier"], 0)

    def test_points_expiry(self):
        details = self._run("points_expiry")
        self.assertEqual(details["expired_lines"], details["cards_expired"])
        self.assertGreater(details["cards_expired"], 0)

    def test_tag_rules_tag_customers_of_both_rules(self):
        details = self._run("tag_rule_evaluation")
        bench_tags = {name for name, _criteria in measures.BENCH_TAG_RULES}
        self.assertEqual(bench_tags & set(details["by_tag"]), bench_tags)
        self.assertEqual(details["tags_removed"], 0)

    def test_value_categories(self):
        self.assertGreaterEqual(
            self._run("value_category_evaluation")["customers_changed"], CUSTOMERS
        )

    def test_nightly(self):
        details = self._run("nightly")
        self.assertGreaterEqual(details["analytics_rows"], CUSTOMERS)
        self.assertGreater(details["kpi_rows"], 0)

    def test_rfm_history_keeps_the_segments_of_the_month(self):
        details = self._run("rfm_history")
        self.assertGreater(details["scored_customers"], 0)
        month = measures.Context(self.env, self.marker).today.replace(day=1)
        self.env.cr.execute(
            """
            SELECT count(*) FILTER (WHERE h.id IS NULL), count(h.id)
              FROM crm_customer_analytics a
         LEFT JOIN crm_rfm_history h
                ON h.partner_id = a.partner_id AND h.company_id = a.company_id
               AND h.month = %s AND h.segment = a.segment
             WHERE a.segment IS NOT NULL
            """,
            [month],
        )
        missing, kept = self.env.cr.fetchone()
        self.assertEqual(missing, 0)
        self.assertGreaterEqual(kept, details["scored_customers"])

    def test_kpi_snapshot_has_aftersales_kpis(self):
        kpis = self._run("kpi_snapshot")["all_channels"]
        self.assertGreater(kpis["complaint_count"], 0)
        self.assertGreater(kpis["return_rate"], 0)

    def test_lifecycle_stages_every_customer(self):
        details = self._run("lifecycle")
        self.assertEqual(sum(details["by_stage"].values()), details["analytics_rows"])

    def test_clv_fit_on_every_customer(self):
        details = self._run("clv_fit")
        self.assertEqual(details["state"], "fitted")
        self.assertLess(details["log_likelihood"], 0)

    def test_value_predicts_every_buyer(self):
        details = self._run("value")
        self.assertGreater(details["predicted_customers"], 0)
        self.assertGreater(details["predicted_value"], 0)

    def test_pos_sync_pays_every_order(self):
        with patch.object(measures, "POS_SYNC_ORDERS", 3):
            details = self._run("pos_sync")
        self.assertEqual(
            (details["orders"], details["with_suite"]["orders_paid"]), (3, 3)
        )

    def test_form_queries_same_for_both_customers(self):
        details = self._run("form_queries")
        self.assertEqual(
            details["care_manager"]["large_history"]["queries"],
            details["care_manager"]["no_history"]["queries"],
        )
        self.assertGreater(details["large_history_size"]["sale_orders"], 0)

    def test_duplicate_check_warns_on_matches_only(self):
        with patch.object(measures, "DUPLICATE_CHECK_CALLS", 12):
            details = self._run("duplicate_check")
        self.assertEqual(details["warnings"], 6)
