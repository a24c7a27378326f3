# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class CustomerCareCase(BaseCommon):
    """Users of both roles, and checks that menus and actions open for them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.care_user = new_test_user(
            cls.env,
            login="care_user",
            groups="crm_fresh_loyalty.group_customer_care_user",
        )
        cls.care_manager = new_test_user(
            cls.env,
            login="care_manager",
            groups="crm_fresh_loyalty.group_customer_care_manager",
        )

    def _visible_menus(self, user, root_xmlid):
        root = self.env.ref(root_xmlid)
        menus = (
            self.env["ir.ui.menu"].with_user(user).search([("id", "child_of", root.id)])
        )
        return menus._filter_visible_menus()

    def assertMenusOpen(self, user, root_xmlid):
        """Every menu with an action under the root opens for the user."""
        menus = self._visible_menus(user, root_xmlid).filtered("action")
        self.assertTrue(menus, f"The user sees no menu under {root_xmlid}")
        for menu in menus:
            action = menu.action.sudo()
            if action._name != "ir.actions.act_window":
                continue
            model = self.env[action.res_model].with_user(user)
            model.get_views([(False, mode) for mode in action.view_mode.split(",")])
            if action.res_model != "res.config.settings":  # a form, not a list
                model.search_fetch([], ["display_name"], limit=5)
        return menus
