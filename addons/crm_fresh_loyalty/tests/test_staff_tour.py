# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestStaffTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Only the program of the tour gives points and tiers.
        cls.env["loyalty.program"].search([]).action_archive()
        cls.program = cls.env["loyalty.program"].create(
            {
                "name": "Fresh Club",
                "program_type": "loyalty",
                "applies_on": "both",
                "trigger": "auto",
                "rule_ids": [
                    Command.create(
                        {"reward_point_mode": "money", "reward_point_amount": 1}
                    )
                ],
                "reward_ids": [
                    Command.create(
                        {"reward_type": "discount", "required_points": 10000}
                    )
                ],
            }
        )
        cls.silver = cls.env["crm.membership.tier"].create(
            {"name": "Silver", "program_id": cls.program.id, "qualify_spend": 300}
        )
        cls.env["product.product"].create(
            {
                "name": "Durian gift box",
                "list_price": 500.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.env.ref("base.user_admin").write(
            {
                "group_ids": [
                    Command.link(
                        cls.env.ref("crm_fresh_loyalty.group_customer_care_user").id
                    )
                ]
            }
        )

    def test_staff_tour(self):
        self.start_tour(
            "/odoo/action-sale.action_quotations_with_onboarding",
            "crm_membership_staff",
            login="admin",
        )
        customer = self.env["res.partner"].search([("name", "=", "Zhao Lei")])
        self.assertEqual(customer.crm_tier_id, self.silver)
