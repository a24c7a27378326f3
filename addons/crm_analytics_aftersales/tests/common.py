# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.crm_analytics.tests.common import AnalyticsCase


class ComplaintsCase(AnalyticsCase):
    """Analytics over a 30-day period, with the complaints of a customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.crm_analytics_period_days = 30
        cls.customer = cls._customer("Complaining")
        cls.closed_stage = cls.env["helpdesk.ticket.stage"].create(
            {"name": "Solved", "closed": True, "company_id": cls.company.id}
        )

    @classmethod
    def _complaints(cls, names):
        """Complaints of the customer about mouldy apples, resolved by a
        refund, one per name."""
        cause = cls.env["crm.complaint.cause"].create({"name": "Mould"})
        complaint = cls.env.ref("crm_aftersales.helpdesk_ticket_type_complaint")
        return cls.env["helpdesk.ticket"].create(
            [
                {
                    "name": name,
                    "description": "<p>Mouldy apples</p>",
                    "type_id": complaint.id,
                    "partner_id": cls.customer.id,
                    "company_id": cls.company.id,
                    "crm_cause_id": cause.id,
                    "crm_resolution": "Refunded",
                    "crm_compensation_decision": "none",
                }
                for name in names
            ]
        )
