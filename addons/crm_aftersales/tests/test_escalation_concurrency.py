# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two escalation runs at once, on real cursors (see
test_compensation_concurrency for why)."""

from datetime import datetime

from odoo import api
from odoo.tests.common import tagged
from odoo.tools import mute_logger

from odoo.addons.crm_customer_message.tests.common_concurrency import ConcurrencyCase


@tagged("post_install", "-at_install")
class TestEscalationConcurrency(ConcurrencyCase):
    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            leader = env["res.users"].create(
                {"name": "Concurrent Leader", "login": "concurrent_leader"}
            )
            team = env["helpdesk.ticket.team"].create(
                {"name": "Concurrent team", "user_id": leader.id}
            )
            ticket = env["helpdesk.ticket"].create(
                {
                    "name": "快递",
                    "description": "<p>-</p>",
                    "type_id": env.ref(
                        "crm_aftersales.helpdesk_ticket_type_complaint"
                    ).id,
                    "team_id": team.id,
                    "crm_received_date": datetime(2020, 1, 6, 8),
                }
            )
            self.ids = {"leader": leader.id, "team": team.id, "ticket": ticket.id}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["helpdesk.ticket"].browse(self.ids["ticket"]).unlink()
            env["helpdesk.ticket.team"].browse(self.ids["team"]).unlink()
            env["res.users"].browse(self.ids["leader"]).unlink()

    @mute_logger("odoo.sql_db")
    def test_two_runs_at_once_alert_the_leader_once(self):
        now = datetime(2020, 1, 7, 8)
        run_1, run_2 = self._transaction(), self._transaction()
        ticket_1 = run_1["helpdesk.ticket"].browse(self.ids["ticket"])
        ticket_2 = run_2["helpdesk.ticket"].browse(self.ids["ticket"])
        self.assertEqual(ticket_1._crm_escalate_breached(now), ticket_1)
        run_1.flush_all()
        # The ticket is locked by the first run: the second leaves it.
        self.assertFalse(ticket_2._crm_escalate_breached(now))
        run_1.cr.commit()
        run_2.cr.commit()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            ticket = env["helpdesk.ticket"].browse(self.ids["ticket"])
            self.assertEqual(ticket.crm_escalation_level, "leader")
            alerts = ticket.activity_ids.filtered(
                lambda a: a.user_id.id == self.ids["leader"]
            )
            self.assertEqual(len(alerts), 1)
