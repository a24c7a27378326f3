# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo.tests import tagged

from .common import ComplaintsCase


@tagged("post_install", "-at_install")
class TestValueAtRisk(ComplaintsCase):
    """Customers who complain about one order in four or more are at risk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loyal = cls._customer("Rarely Complaining")
        # Two complaints each: the complaining customer over 4 orders (1 in
        # 2), the loyal one over 10 orders (1 in 5).
        cls._orders([(cls.customer, days, 25.0) for days in (5, 10, 15, 20)])
        cls._orders([(cls.loyal, days, 25.0) for days in range(1, 11)])
        cls.complaints = cls._complaints(("A", "B"))
        cls.loyal_complaints = cls._complaints(("C", "D"))
        cls.loyal_complaints.partner_id = cls.loyal
        for ticket, days_ago in zip(
            cls.complaints | cls.loyal_complaints, (3, 8, 3, 8), strict=True
        ):
            ticket.crm_received_date = datetime.combine(
                cls.today - timedelta(days=days_ago), time(9)
            )

    def _value(self, partner):
        self._run("rfm", "value")
        return self._row(partner).value_class

    def test_high_complaint_rate_is_at_risk(self):
        self.assertEqual(
            self.analytics._crm_value_at_risk_partner_ids(self.company, self.today),
            [self.customer.id],
        )
        self.assertEqual(self._value(self.customer), "at_risk")

    def test_low_complaint_rate_is_not_at_risk(self):
        self.assertNotEqual(self._value(self.loyal), "at_risk")

    def test_single_complaint_is_not_at_risk(self):
        self.complaints[1].unlink()
        self.assertNotEqual(self._value(self.customer), "at_risk")

    def test_complaints_before_the_window_do_not_count(self):
        self.complaints.crm_received_date = datetime.combine(
            self.today - timedelta(days=800), time(9)
        )
        self.assertNotEqual(self._value(self.customer), "at_risk")

    def test_other_company_complaints_do_not_count(self):
        other = self.env["res.company"].create({"name": "Other Shop"})
        self.complaints.company_id = other
        self.assertNotEqual(self._value(self.customer), "at_risk")
