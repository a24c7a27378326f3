# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import fields
from odoo.tests import tagged

from .common import ComplaintsCase


@tagged("post_install", "-at_install")
class TestDashboardAftersales(ComplaintsCase):
    """The dashboard's cards of the after-sales KPIs open what they count.
    A 30-day period with complaints A (received 10 days ago, closed 5 days
    ago), B (received 40 days ago, before the period, closed 2 days ago) and
    C (received 3 days ago, open); a return confirmed 2 days ago and a
    cancelled one; a satisfaction answer about A."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboard = cls.env["crm.analytics.dashboard"]
        cls._orders([(cls.customer, 4, 25.0)])
        cls.ticket_a, cls.ticket_b, cls.ticket_c = cls._complaints(("A", "B", "C"))
        (cls.ticket_a | cls.ticket_b).stage_id = cls.closed_stage
        for ticket, received, closed in (
            (cls.ticket_a, 10, 5),
            (cls.ticket_b, 40, 2),
            (cls.ticket_c, 3, None),
        ):
            ticket.write(
                {
                    "crm_received_date": cls._at(received),
                    "closed_date": closed and cls._at(closed),
                }
            )
        cls.returned, cancelled = cls.env["rma"].create(
            [
                {
                    "partner_id": cls.customer.id,
                    "product_id": cls.apples.id,
                    "product_uom_qty": 1,
                    "company_id": cls.company.id,
                    "operation_id": cls.env.ref("rma.rma_operation_refund").id,
                }
                for _index in range(2)
            ]
        )
        cls.returned.write({"state": "confirmed", "date": cls._at(2)})
        cancelled.write({"state": "cancelled", "date": cls._at(2)})
        answer = cls.ticket_a.crm_satisfaction_answer_ids
        answer._crm_record_callback({"overall": 4})
        answer.end_datetime = cls._at(1)  # the callback of yesterday
        cls.analytics._step_kpi(cls.company, cls.today)

    @classmethod
    def _at(cls, days_ago):
        return datetime.combine(cls.today - timedelta(days=days_ago), time(9))

    def _records_of(self, kpi):
        action = self.dashboard.action_open_kpi(
            kpi, self.company.id, "all", fields.Date.to_string(self.today)
        )
        return self.env[action["res_model"]].search(action["domain"])

    def test_after_sales_cards_come_with_the_bridge(self):
        cards = {
            card["kpi"]: card["value"]
            for card in self.dashboard.get_dashboard_data(company_id=self.company.id)[
                "kpis"
            ]
        }
        self.assertEqual(cards["complaint_count"], 2)
        self.assertEqual(cards["return_rate"], 100)
        self.assertEqual(cards["satisfaction"], 4)

    def test_complaints_received_in_the_period(self):
        received = self.ticket_a | self.ticket_c
        for kpi in ("complaint_count", "complaint_rate", "sla_compliance_rate"):
            self.assertEqual(self._records_of(kpi), received, kpi)

    def test_complaints_closed_in_the_period(self):
        closed = self.ticket_a | self.ticket_b
        for kpi in ("resolution_hours", "first_contact_resolution_rate"):
            self.assertEqual(self._records_of(kpi), closed, kpi)

    def test_returns_of_the_period(self):
        self.assertEqual(self._records_of("return_rate"), self.returned)

    def test_satisfaction_scores(self):
        scores = self._records_of("satisfaction")
        self.assertEqual(
            [(score.ticket_id, score.dimension, score.score) for score in scores],
            [(self.ticket_a, "overall", 4)],
        )
