# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.crm_fresh_loyalty.tests.common import CustomerCareCase


@tagged("post_install", "-at_install")
class TestSmoke(CustomerCareCase):
    def test_menus_open_for_user_and_manager(self):
        root = "crm_aftersales.menu_aftersales"
        for user in (self.care_user, self.care_manager):
            menus = self.assertMenusOpen(user, root)
            self.assertIn(self.env.ref("crm_aftersales.rma_menu_returns"), menus)
            self.assertIn(
                self.env.ref("crm_aftersales.helpdesk_ticket_menu_complaints"), menus
            )

    def test_user_cannot_configure_teams(self):
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket.team"].with_user(self.care_user).create(
                {"name": "North"}
            )
        team = (
            self.env["helpdesk.ticket.team"]
            .with_user(self.care_manager)
            .create({"name": "North"})
        )
        self.assertEqual(team.name, "North")

    def test_settings_block(self):
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn('name="crm_aftersales_settings"', arch)
        self.assertIn('name="crm_complaint_settings"', arch)

    def test_complaint_configuration_opens_for_managers_only(self):
        root = "crm_aftersales.menu_complaint_configuration"
        menus = self.assertMenusOpen(self.care_manager, root)
        self.assertIn(
            self.env.ref("crm_aftersales.crm_complaint_compensation_rule_menu"), menus
        )
        self.assertFalse(self._visible_menus(self.care_user, root))
