# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_fresh_loyalty.tests.common import CustomerCareCase


@tagged("post_install", "-at_install")
class TestSmoke(CustomerCareCase):
    def test_menus_open_for_user_and_manager(self):
        for user in (self.care_user, self.care_manager):
            menus = self.assertMenusOpen(user, "crm_analytics.menu_analytics")
            self.assertIn(
                self.env.ref("crm_analytics.crm_purchase_fact_menu_analysis"), menus
            )

    def test_user_cannot_open_settings(self):
        settings_menu = self.env.ref("crm_fresh_loyalty.res_config_settings_menu")
        visible = self._visible_menus(
            self.care_user, "crm_fresh_loyalty.menu_customer_care_root"
        )
        self.assertNotIn(settings_menu, visible)
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.care_user).create({})

    def test_settings_block(self):
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn('name="crm_analytics_settings"', arch)
