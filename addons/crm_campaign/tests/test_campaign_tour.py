# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestCampaignTour(HttpCase):
    """The administrator creates a campaign to the churn-warning segment (ten
    customers, one outside it) and sends it; the mass mailing queue then
    messages the segment but its control group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.crm_message_daily_cap = 0
        cls.customers = cls.env["res.partner"].create(
            [
                {
                    "name": f"Tour Customer {index}",
                    "email": f"tour{index}@example.com",
                    "customer_rank": 1,
                }
                for index in range(11)
            ]
        )
        cls.env["crm.customer.analytics"].create(
            [
                {
                    "partner_id": customer.id,
                    "company_id": cls.env.company.id,
                    "lifecycle_stage": "churn_warning" if index else "active",
                }
                for index, customer in enumerate(cls.customers)
            ]
        )

    def test_campaign_tour(self):
        self.start_tour("/odoo", "crm_campaign", login="admin")
        mailing = self.env["mailing.mailing"].search(
            [("subject", "=", "Spring Festival greetings")]
        )
        self.assertEqual(mailing.state, "in_queue")
        self.env.ref("mass_mailing.ir_cron_mass_mailing_queue").method_direct_trigger()
        segment = self.customers[1:]
        self.assertEqual(len(mailing.crm_control_partner_ids), 1)
        self.assertEqual(
            mailing.crm_message_ids.partner_id,
            segment - mailing.crm_control_partner_ids,
        )
        self.assertEqual(set(mailing.crm_message_ids.mapped("state")), {"sent"})
