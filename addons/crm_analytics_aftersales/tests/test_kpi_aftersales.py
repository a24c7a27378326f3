# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo.tests import tagged

from .common import ComplaintsCase


@tagged("post_install", "-at_install")
class TestKpiAftersales(ComplaintsCase):
    """A 30-day period with four orders and three complaints: A, received
    10 days ago, answered after 2 hours with one reply, closed 5 days ago
    (120 hours), SLA on track; B, received 5 days ago, answered after 4
    hours with two replies, closed yesterday (96 hours), SLA breached; C,
    received 40 days ago, before the period, still open."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._orders([(cls.customer, days, 25.0) for days in (1, 2, 3, 4)])
        cls.ticket_a, cls.ticket_b, cls.ticket_c = cls._complaints(("A", "B", "C"))
        for ticket in (cls.ticket_a, cls.ticket_b, cls.ticket_b):
            ticket.message_post(
                body="We are on it",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=cls.care_user.partner_id.id,
            )
        (cls.ticket_a | cls.ticket_b).stage_id = cls.closed_stage
        for ticket, received, response_hours, closed, sla in (
            (cls.ticket_a, 10, 2, 5, "on_track"),
            (cls.ticket_b, 5, 4, 1, "breached"),
            (cls.ticket_c, 40, None, None, "on_track"),
        ):
            received_at = cls._at(received)
            ticket.write(
                {
                    "crm_received_date": received_at,
                    "crm_first_response_date": response_hours
                    and received_at + timedelta(hours=response_hours),
                    "closed_date": closed and cls._at(closed),
                    "crm_sla_status": sla,
                }
            )

    @classmethod
    def _at(cls, days_ago):
        return datetime.combine(cls.today - timedelta(days=days_ago), time(9))

    def _kpis(self):
        self.env["crm.customer.analytics"]._step_kpi(self.company, self.today)
        rows = self.env["crm.kpi.snapshot"].search(
            [
                ("company_id", "=", self.company.id),
                ("date", "=", self.today),
                ("channel", "=", "all"),
            ]
        )
        return {row.kpi: row.value for row in rows}

    def test_complaint_kpis(self):
        kpis = self._kpis()
        self.assertEqual(kpis["complaint_count"], 2)
        self.assertEqual(kpis["complaint_rate"], 50)
        self.assertEqual(kpis["first_response_hours"], 3)
        self.assertEqual(kpis["resolution_hours"], 108)
        self.assertEqual(kpis["first_contact_resolution_rate"], 50)
        self.assertEqual(kpis["sla_compliance_rate"], 50)

    def test_satisfaction_kpis(self):
        """Read from the satisfaction answers of the closed complaints,
        however they were given (here on callbacks)."""
        for ticket, scores in (
            (self.ticket_a, {"overall": 4, "speed": 5, "resolution": 3}),
            (self.ticket_b, {"overall": 2, "speed": 3}),
        ):
            answer = ticket.crm_satisfaction_answer_ids
            answer._crm_record_callback(scores)
            answer.end_datetime = self._at(1)
        kpis = self._kpis()
        self.assertEqual(kpis["satisfaction"], 3)
        self.assertEqual(kpis["satisfaction_speed"], 4)
        self.assertEqual(kpis["satisfaction_resolution"], 3)
        # no answer scored the cooperation experience: no value rather than zero
        self.assertNotIn("satisfaction_cooperation", kpis)

    def test_unanswered_invitations_no_satisfaction(self):
        self.assertEqual(len(self.ticket_a.crm_satisfaction_answer_ids), 1)
        self.assertNotIn("satisfaction", self._kpis())

    def test_feedback_counted(self):
        suggestion = self.env.ref("crm_aftersales.helpdesk_ticket_type_suggestion")
        praise = self.env.ref("crm_aftersales.helpdesk_ticket_type_praise")
        self.env["helpdesk.ticket"].create(
            [
                {
                    "name": name,
                    "description": name,
                    "type_id": kind.id,
                    "partner_id": self.customer.id,
                    "company_id": self.company.id,
                }
                for name, kind in (
                    ("Sell organic kale", suggestion),
                    ("Open at 7", suggestion),
                    ("Kind driver", praise),
                )
            ]
        )
        kpis = self._kpis()
        self.assertEqual((kpis["suggestion_count"], kpis["praise_count"]), (2, 1))

    def test_return_rate(self):
        """One return of the period and one cancelled, over four orders."""
        returns = self.env["rma"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "product_id": self.apples.id,
                    "product_uom_qty": 1,
                    "company_id": self.company.id,
                    "operation_id": self.env.ref("rma.rma_operation_refund").id,
                }
                for _index in range(2)
            ]
        )
        returns[0].write({"state": "confirmed", "date": self._at(2)})
        returns[1].write({"state": "cancelled", "date": self._at(2)})
        self.assertEqual(self._kpis()["return_rate"], 25)
