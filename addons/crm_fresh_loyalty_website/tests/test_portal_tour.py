# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import ShopMemberCase


@tagged("post_install", "-at_install")
class TestPortalTour(ShopMemberCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.card._crm_set_tier(cls.gold, "manual", "Test")
        cls.card._crm_adjust_points(120.0, "Welcome points", "Welcome points")

    def test_membership_tour(self):
        self.start_tour("/my/home", "crm_membership_portal", login="gold_member")

    def test_complaint_tour(self):
        # The complaint flow is crm_aftersales' (helpdesk tickets); this bridge
        # only links to it when it is there.
        if self.env["ir.module.module"]._get("crm_aftersales").state != "installed":
            self.skipTest("crm_aftersales is not installed")
        self.start_tour("/my/home", "crm_membership_complaint", login="gold_member")
        ticket = self.env["helpdesk.ticket"].search(
            [("name", "=", "Melon was overripe")]
        )
        self.assertEqual(ticket.partner_id, self.member)
