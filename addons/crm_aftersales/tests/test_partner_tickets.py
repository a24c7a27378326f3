# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common_complaint import ComplaintCase


@tagged("post_install", "-at_install")
class TestPartnerTickets(ComplaintCase):
    """The ticket counter of the customer form (helpdesk_mgmt's smart
    button), counted in one grouped query."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact = cls.env["res.partner"].create(
            {"name": "Li Na", "parent_id": cls.member.id}
        )

    def _counters(self, partner):
        self.env.invalidate_all()  # as a new request
        return (
            partner.helpdesk_ticket_count,
            partner.helpdesk_ticket_active_count,
            partner.helpdesk_ticket_count_string,
        )

    def test_counts_the_tickets_of_the_contacts(self):
        self._complaint("Rotten apples")
        self._complaint("Late delivery", stage_id=self.stage_done.id)
        self._complaint("Wrong change", partner_id=self.contact.id)
        self.assertEqual(
            (self._counters(self.member), self._counters(self.contact)),
            ((3, 2, "2 / 3"), (1, 1, "1 / 1")),
        )

    def _counter_queries(self):
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        self._counters(self.member)
        return self.env.cr.sql_log_count - before

    def test_queries_do_not_grow_with_the_tickets(self):
        self._counters(self.member)  # access rules in cache
        without_tickets = self._counter_queries()
        for index in range(5):
            self._complaint(f"Complaint {index}", stage_id=self.stage_done.id)
        self.assertEqual(self._counter_queries(), without_tickets)
