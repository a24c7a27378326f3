# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import config

from .common import MembershipCase
from .test_encryption import KEY_A


@tagged("post_install", "-at_install")
class TestAudit(MembershipCase):
    def _log_lines(self, record, field_name):
        self.env.flush_all()
        return self.env["auditlog.log.line"].search(
            [
                ("log_id.model_model", "=", record._name),
                ("log_id.res_id", "=", record.id),
                ("log_id.method", "=", "write"),
                ("field_name", "=", field_name),
            ]
        )

    def test_points_change_is_logged(self):
        self.card.with_user(self.care_manager)._crm_adjust_points(50, "Goodwill")
        line = self._log_lines(self.card, "points")
        self.assertEqual(len(line), 1)
        self.assertEqual(line.log_id.user_id, self.care_manager)
        self.assertEqual((line.old_value, line.new_value), ("0.0", "50.0"))

    def test_tier_change_is_logged(self):
        self.card._crm_set_tier(self.gold, "manual")
        line = self._log_lines(self.card, "crm_tier_id")
        self.assertEqual(len(line), 1)
        self.assertIn("Gold", line.new_value_text)

    def test_national_id_change_is_logged_as_ciphertext(self):
        with patch.dict(config.options, {"crm_encryption_key": KEY_A}):
            self.member.crm_national_id = "310101199001011234"
        line = self._log_lines(self.member, "crm_national_id_encrypted")
        self.assertEqual(len(line), 1)
        self.assertTrue(line.new_value.startswith("v1:"))
        self.env.cr.execute(
            "SELECT count(*) FROM auditlog_log_line "
            "WHERE concat(old_value, new_value, old_value_text, new_value_text) "
            "LIKE %s",
            ["%310101199001011234%"],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
