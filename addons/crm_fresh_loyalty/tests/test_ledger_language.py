# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import freeze_time, tagged

from .common import MembershipCase


@tagged("post_install", "-at_install")
class TestLedgerLanguage(MembershipCase):
    def test_expiry_line_in_the_members_language(self):
        """The nightly expiry runs in English; a Chinese member reads 积分已过期
        on their ledger, on the portal as in the back office."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.card.partner_id.lang = "zh_CN"
        with freeze_time("2025-01-10"):
            self._earn(self.card, 100)
        self.env["loyalty.card"].with_context(lang="en_US")._crm_expire_points(
            today=date(2026, 2, 1)
        )
        expired = self.card.history_ids.filtered(lambda h: h.crm_move_type == "expired")
        self.assertEqual(expired.description, "积分已过期")
