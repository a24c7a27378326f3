# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CustomerCareCase


@tagged("post_install", "-at_install")
class TestSmoke(CustomerCareCase):
    def test_manager_implies_user(self):
        self.assertTrue(
            self.care_manager.has_group("crm_fresh_loyalty.group_customer_care_user")
        )
        self.assertEqual(
            self.env.ref("crm_fresh_loyalty.group_customer_care_user").privilege_id,
            self.env.ref("crm_fresh_loyalty.res_groups_privilege_customer_care"),
        )

    def test_menus_open_for_user_and_manager(self):
        root = "crm_fresh_loyalty.menu_customer_care_root"
        user_menus = self.assertMenusOpen(self.care_user, root)
        manager_menus = self.assertMenusOpen(self.care_manager, root)
        self.assertIn(
            self.env.ref("crm_fresh_loyalty.loyalty_history_menu_ledger"), user_menus
        )
        self.assertIn(
            self.env.ref("crm_fresh_loyalty.crm_membership_tier_menu"), manager_menus
        )

    def test_user_cannot_open_manager_configuration(self):
        config = self.env.ref("crm_fresh_loyalty.menu_configuration")
        visible = self._visible_menus(
            self.care_user, "crm_fresh_loyalty.menu_customer_care_root"
        )
        self.assertNotIn(config, visible)
        self.assertNotIn(
            self.env.ref("crm_fresh_loyalty.crm_membership_tier_menu"), visible
        )
        program = self.env["loyalty.program"].create(
            {"name": "Smoke Club", "program_type": "loyalty"}
        )
        with self.assertRaises(AccessError):
            self.env["crm.membership.tier"].with_user(self.care_user).create(
                {"name": "Gold", "program_id": program.id, "qualify_spend": 10}
            )
        with self.assertRaises(AccessError):
            self.env["crm.points.adjust.wizard"].with_user(self.care_user).create(
                {
                    "card_id": self.env["loyalty.card"]
                    .create({"program_id": program.id, "partner_id": self.partner.id})
                    .id,
                    "points": 5,
                    "reason": "smoke",
                }
            )

    def test_settings_section(self):
        settings = self.env["res.config.settings"].with_user(
            self.env.ref("base.user_admin")
        )
        arch = settings.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="crm_fresh_loyalty"', arch)
        self.assertIn("crm_profile_review_months", arch)
