# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged
from odoo.tools import config

from odoo.addons.crm_customer_privacy.tests.test_encryption import KEY_A

from .common import MembershipCase


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

    def test_points_and_tiers_are_audited_by_ledger_and_tier_history(self):
        """Cards have no auditlog rule: every points movement is a ledger line
        and every tier change a tier history line, with who and when; a second
        log per card write would double the cost of tier evaluation and
        points expiry."""
        self.card.with_user(self.care_manager)._crm_adjust_points(50, "Goodwill")
        self.card._crm_set_tier(self.gold, "manual", note="VIP")
        self.assertFalse(self._log_lines(self.card, "points"))
        line = self.card.history_ids.filtered(lambda h: h.crm_move_type == "adjusted")
        self.assertEqual(
            (line.create_uid, line.issued, line.description),
            (self.care_manager, 50.0, "Goodwill"),
        )
        self.assertEqual(self.card.crm_tier_history_ids.to_tier_id, self.gold)

    def test_national_id_change_is_logged_as_ciphertext(self):
        with patch.dict(config.options, {"crm_encryption_key": KEY_A}):
            self.member.crm_national_id = "310101199001011234"
        # the national ID is a sensitive value: its ciphertext is logged
        line = self._log_lines(
            self.member.sudo().crm_sensitive_value_ids, "value_encrypted"
        )
        self.assertEqual(len(line), 1)
        self.assertTrue(line.new_value.startswith("v1:"))
        self.env.cr.execute(
            "SELECT count(*) FROM auditlog_log_line "
            "WHERE concat(old_value, new_value, old_value_text, new_value_text) "
            "LIKE %s",
            ["%310101199001011234%"],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_evaluated_fields_are_not_audited(self):
        """Tags and the value category, which the daily evaluation rewrites
        and notes on the chatter, leave no auditlog line; a personal field
        written with them does."""
        tag = self.env["res.partner.category"].create({"name": "Dormant"})
        self.member.write(
            {
                "category_id": [Command.link(tag.id)],
                "crm_value_category_id": self.env.ref(
                    "crm_fresh_loyalty.crm_value_category_cold"
                ).id,
                "phone": "+8613800138000",
            }
        )
        self.env.flush_all()
        lines = self.env["auditlog.log.line"].search(
            [
                ("log_id.model_model", "=", "res.partner"),
                ("log_id.res_id", "=", self.member.id),
            ]
        )
        self.assertEqual(set(lines.mapped("field_name")), {"phone"})
