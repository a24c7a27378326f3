# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common_complaint import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintPriorityService(ComplaintCase):
    """A tier with priority service raises its members' complaints one
    level; logistics complaints are of normal priority ("1")."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.card.crm_tier_id = cls.silver  # the lowest tier: no raise by rank

    def test_member_with_priority_service_is_raised(self):
        self.silver.priority_service = True
        self.assertEqual(self._complaint("快递").priority, "2")

    def test_member_without_priority_service_keeps_the_category_priority(self):
        self.assertEqual(self._complaint("快递").priority, "1")

    def test_non_member_keeps_the_category_priority(self):
        self.silver.priority_service = True
        guest = self.env["res.partner"].create({"name": "Zhao Lei"})
        self.assertEqual(self._complaint("快递", partner_id=guest.id).priority, "1")

    def test_priority_service_is_listed_among_the_portal_benefits(self):
        self.assertEqual(self.silver._crm_portal_benefits(), [])
        self.silver.priority_service = True
        self.assertEqual(
            self.silver._crm_portal_benefits(), [("fa-bolt", "Priority service")]
        )
