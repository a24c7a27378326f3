# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common_complaint import ComplaintCase


@tagged("post_install", "-at_install")
class TestCompensationAudit(ComplaintCase):
    def test_compensation_change_is_logged(self):
        ticket = self._complaint("Mouldy strawberries")
        compensation = self.env["crm.complaint.compensation"].create(
            {
                "ticket_id": ticket.id,
                "compensation_type": "refund",
                "amount": 10,
            }
        )
        compensation.with_user(self.care_manager).amount = 12
        self.env.flush_all()
        line = self.env["auditlog.log.line"].search(
            [
                ("log_id.model_model", "=", "crm.complaint.compensation"),
                ("log_id.res_id", "=", compensation.id),
                ("log_id.method", "=", "write"),
                ("field_name", "=", "amount"),
            ]
        )
        self.assertEqual(len(line), 1)
        self.assertEqual(line.log_id.user_id, self.care_manager)
        self.assertEqual((line.old_value, line.new_value), ("10.0", "12.0"))
