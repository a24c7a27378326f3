# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo.tests import tagged
from odoo.tools import SQL

from .common import AnalyticsCase


@tagged("post_install", "-at_install")
class TestRfmScores(AnalyticsCase):
    def test_quintile_edges_of_ten_customers(self):
        # Ten customers, one order each: spend 10..100, the bigger the older.
        customers = [self._customer(f"Customer {i}") for i in range(10)]
        self._orders(
            [(customer, 1 + i, 10.0 * (i + 1)) for i, customer in enumerate(customers)]
        )
        self._run("rfm")
        rows = [self._row(customer) for customer in customers]
        self.assertEqual([r.m_score for r in rows], [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        self.assertEqual([r.r_score for r in rows], [5, 5, 4, 4, 3, 3, 2, 2, 1, 1])
        self.assertEqual([r.recency_days for r in rows], list(range(1, 11)))

    def test_five_customers_score_one_to_five(self):
        customers = [self._customer(f"Customer {i}") for i in range(5)]
        self._orders([(c, 1, 10.0 * (i + 1)) for i, c in enumerate(customers)])
        self._run("rfm")
        self.assertEqual([self._row(c).m_score for c in customers], [1, 2, 3, 4, 5])

    def test_ties_get_equal_scores(self):
        customers = [self._customer(f"Customer {i}") for i in range(5)]
        self._orders(
            [
                (c, 1, amount)
                for c, amount in zip(customers, [50, 50, 50, 80, 100], strict=True)
            ]
        )
        self._run("rfm")
        rows = [self._row(c) for c in customers]
        # three tied at the bottom sit at their middle: (0 + 3/2) / 5 -> 2
        self.assertEqual([r.m_score for r in rows], [2, 2, 2, 4, 5])
        # everyone bought yesterday: all tied, the middle score
        self.assertEqual({r.r_score for r in rows}, {3})
        # ... once: the lowest frequency score, whatever the ties
        self.assertEqual({r.f_score for r in rows}, {1})

    def test_single_customer_with_one_order(self):
        customer = self._customer("Only Customer")
        self._orders([(customer, 3, 25.0)])
        self._run("rfm")
        row = self._row(customer)
        self.assertEqual((row.recency_days, row.frequency, row.monetary), (3, 1, 25.0))
        self.assertEqual((row.r_score, row.f_score, row.m_score), (3, 1, 3))
        self.assertEqual(row.segment, "about_to_sleep")
        self.assertEqual(row.rfm_date, self.today)

    def test_frequency_counts_orders_not_lines(self):
        frequent, rare = self._customer("Frequent"), self._customer("Rare")
        self._orders(
            [
                (frequent, 5, 10.0),
                (frequent, 4, 10.0),
                (rare, 4, [(self.apples, 10.0), (self.pears, 10.0)]),
            ]
        )
        self._run("rfm")
        self.assertEqual(self._row(frequent).frequency, 2)
        self.assertEqual(self._row(rare).frequency, 1)

    def test_purchases_before_the_window_only_make_a_lost_customer(self):
        self.company.crm_rfm_window_months = 6
        old, recent = self._customer("Old"), self._customer("Recent")
        self._orders([(old, 250, 500.0), (recent, 10, 20.0)])
        self._run("rfm")
        row = self._row(old)
        self.assertEqual(row.segment, "lost")
        self.assertFalse(row.r_score)
        self.assertFalse(row.frequency)
        self.assertEqual(self._row(recent).frequency, 1)

    def test_prospect_has_a_row_without_scores(self):
        prospect = self._customer("Prospect")
        self._run("rfm")
        row = self._row(prospect)
        self.assertTrue(row)
        self.assertFalse(row.segment)
        self.assertFalse(row.r_score)

    def test_empty_company_computes_nothing(self):
        other = self.env["res.company"].create({"name": "Empty Ltd"})
        self._run("rfm", company=other)
        self.assertFalse(
            self.analytics.sudo().search(
                [("company_id", "=", other.id), ("segment", "!=", False)]
            )
        )

    def test_recompute_updates_in_place(self):
        customer = self._customer("Customer")
        self._orders([(customer, 40, 10.0)])
        self._run("rfm")
        row = self._row(customer)
        self._orders([(customer, 2, 10.0)])
        self._run("rfm")
        self.assertEqual(self._row(customer), row)
        self.assertEqual((row.recency_days, row.frequency), (2, 2))


@tagged("post_install", "-at_install")
class TestRfmRefunds(AnalyticsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )

    def test_refund_reduces_monetary_not_frequency(self):
        customer, other = self._customer("Refunded"), self._customer("Other")
        order, _other_order = self._orders([(customer, 5, 100.0), (other, 5, 80.0)])
        invoice = order._create_invoices()
        invoice.action_post()
        refund = invoice._reverse_moves([{"invoice_date": invoice.invoice_date}])
        refund.invoice_line_ids.price_unit = 40.0
        refund.action_post()
        self._run("rfm")
        row = self._row(customer)
        self.assertEqual((row.frequency, row.monetary), (1, 60.0))
        self.assertEqual(row.recency_days, 5)  # the refund is no purchase
        self.assertEqual((row.m_score, self._row(other).m_score), (2, 4))


@tagged("post_install", "-at_install")
class TestRfmSegments(AnalyticsCase):
    def test_segment_grid(self):
        expected = {
            "5": "new,potential_loyalist,potential_loyalist,champions,champions",
            "4": "promising,potential_loyalist,potential_loyalist,loyal,loyal",
            "3": "about_to_sleep,about_to_sleep,need_attention,loyal,loyal",
            "2": "hibernating,hibernating,at_risk,at_risk,cant_lose",
            "1": "lost,hibernating,at_risk,at_risk,cant_lose",
        }
        grid = SQL(
            "(VALUES %s) AS s(partner_id, r, f)",
            SQL(", ").join(
                SQL("(1, %s, %s)", r, f) for r in range(1, 6) for f in range(1, 6)
            ),
        )
        rows = self.env.execute_query(
            SQL(
                """SELECT s.r, s.f, %s
                     FROM %s CROSS JOIN (SELECT TRUE AS has_purchase) c
                 ORDER BY s.r, s.f""",
                self.analytics._crm_segment_sql(),
                grid,
            )
        )
        got = {}
        for r, _f, segment in rows:
            got.setdefault(str(r), []).append(segment)
        self.assertEqual({r: ",".join(s) for r, s in got.items()}, expected)

    def test_every_segment_occurs_on_a_one_time_heavy_base(self):
        # five recencies; at each, three one-order customers and one customer
        # of each of 2 to 5 orders: 60 % bought once
        segments = {}
        for recency in (5, 40, 80, 150, 300):
            for orders in (1, 1, 1, 2, 3, 4, 5):
                customer = self._customer(f"R{recency} F{orders}")
                self._orders([(customer, recency + day, 20.0) for day in range(orders)])
                segments[customer] = orders
        self._run("rfm")
        rows = {customer: self._row(customer) for customer in segments}
        self.assertEqual(
            {row.f_score for c, row in rows.items() if segments[c] == 1}, {1}
        )
        self.assertEqual(
            [
                {row.f_score for c, row in rows.items() if segments[c] == orders}
                for orders in (2, 3, 4, 5)
            ],
            [{2}, {3}, {4}, {5}],
        )
        self.assertEqual(
            {row.segment for row in rows.values()},
            set(dict(self.analytics._fields["segment"].selection)),
        )

    def test_every_segment_has_a_label(self):
        keys = dict(self.analytics._fields["segment"].selection)
        self.assertEqual(len(keys), 11)


@tagged("post_install", "-at_install")
class TestRfmHistory(AnalyticsCase):
    def test_migration_from_last_month(self):
        customers = [self._customer(f"Customer {i}") for i in range(5)]
        last_month = self.today - relativedelta(months=1)
        self._orders([(c, 40 + i * 5, 10.0 * (i + 1)) for i, c in enumerate(customers)])
        self._run("rfm", "history", today=last_month)
        before = self._row(customers[0]).segment
        # the first customer comes back and buys big: best recency this month
        self._orders([(customers[0], 1, 1000.0)])
        self._run("rfm", "history")
        after = self._row(customers[0]).segment
        self.assertNotEqual(before, after)
        history = self.env["crm.rfm.history"].search(
            [("partner_id", "=", customers[0].id)]
        )
        self.assertEqual(
            sorted(history.mapped("month")),
            [last_month.replace(day=1), self.today.replace(day=1)],
        )
        migration = self.env["crm.segment.migration"].search(
            [
                ("partner_id", "=", customers[0].id),
                ("month", "=", self.today.replace(day=1)),
            ]
        )
        self.assertEqual(
            (migration.from_segment, migration.to_segment, migration.changed),
            (before, after, True),
        )

    def test_same_month_keeps_the_last_computation(self):
        customer = self._customer("Customer")
        self._orders([(customer, 3, 10.0)])
        self._run("rfm", "history")
        self._run("rfm", "history")
        self.assertEqual(
            self.env["crm.rfm.history"].search_count(
                [("partner_id", "=", customer.id)]
            ),
            1,
        )

    def test_same_month_row_follows_the_last_computation(self):
        customers = [self._customer(f"Customer {i}") for i in range(5)]
        self._orders([(c, 40 + i * 5, 10.0 * (i + 1)) for i, c in enumerate(customers)])
        self._run("rfm", "history")
        before = self._row(customers[0]).segment
        self._orders([(customers[0], 1, 1000.0)])
        self._run("rfm", "history")
        after = self._row(customers[0]).segment
        self.assertNotEqual(before, after)
        history = self.env["crm.rfm.history"].search(
            [("partner_id", "=", customers[0].id)]
        )
        self.assertEqual(
            (history.month, history.segment, history.r_score),
            (self.today.replace(day=1), after, 5),
        )
