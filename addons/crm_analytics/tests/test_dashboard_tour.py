# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase):
    """The administrator works in a company of its own: 12 active customers
    today against 8 a period ago (90 days), on track for a target of 10; two
    champions and one loyal customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env["res.company"].create({"name": "Fresh Tour Ltd"})
        cls.env.ref("base.user_admin").write(
            {
                "company_ids": [Command.link(company.id)],
                "company_id": company.id,
                "group_ids": [
                    Command.link(
                        cls.env.ref("crm_fresh_loyalty.group_customer_care_user").id
                    )
                ],
            }
        )
        today = fields.Date.today()
        cls.env["crm.kpi.snapshot"].create(
            [
                {
                    "company_id": company.id,
                    "date": today - timedelta(days=days_ago),
                    "channel": "all",
                    "kpi": "active_customers",
                    "value": value,
                }
                for days_ago, value in ((120, 8), (30, 10), (0, 12))
            ]
        )
        cls.env["crm.kpi.target"].create(
            {
                "company_id": company.id,
                "year": today.year,
                "kpi": "active_customers",
                "annual_target": 10,
            }
        )
        customers = cls.env["res.partner"].create(
            [
                {"name": name, "customer_rank": 1}
                for name in ("Champion Wang", "Champion Zhou", "Loyal Li")
            ]
        )
        cls.env["crm.customer.analytics"].create(
            [
                {
                    "partner_id": customer.id,
                    "company_id": company.id,
                    "segment": segment,
                    "lifecycle_stage": "loyal",
                    "value_class": "basic",
                }
                for customer, segment in zip(
                    customers, ("champions", "champions", "loyal"), strict=True
                )
            ]
        )

    def test_dashboard_tour(self):
        self.start_tour("/odoo", "crm_analytics_dashboard", login="admin")
