# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import Command
from odoo.tests import Form, tagged

from .common_complaint import ComplaintCase

FRIDAY_4PM = datetime(2026, 11, 20, 16, 0)
MONDAY = datetime(2026, 11, 23)


@tagged("post_install", "-at_install")
class TestComplaintSla(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Nobody to assign: the routing target stays open.
        cls.team.user_ids = [Command.clear()]

    def _friday_complaint(self):
        return self._complaint("发霉", crm_received_date=FRIDAY_4PM)

    def _escalations(self, ticket, user):
        return ticket.activity_ids.filtered(lambda a: a.user_id == user)

    def test_deadlines_in_working_hours_of_the_team(self):
        ticket = self._friday_complaint()
        # 1 hour on Friday (16-17), then Monday from 8:00
        self.assertEqual(ticket.crm_response_deadline, MONDAY.replace(hour=9))
        self.assertEqual(ticket.crm_routing_deadline, MONDAY.replace(hour=11))

    def test_on_track_at_risk_breached(self):
        ticket = self._friday_complaint()
        ticket._crm_refresh_sla_status(now=FRIDAY_4PM + timedelta(minutes=30))
        self.assertEqual(ticket.crm_sla_status, "on_track")
        ticket._crm_refresh_sla_status(now=MONDAY.replace(hour=8, minute=30))
        self.assertEqual(ticket.crm_sla_status, "at_risk")
        ticket._crm_refresh_sla_status(now=MONDAY.replace(hour=9, minute=30))
        self.assertEqual(ticket.crm_sla_status, "breached")
        breached = self.Ticket.search([("crm_sla_status", "=", "breached")])
        self.assertIn(ticket, breached)

    def test_first_response_by_staff_stops_the_clock(self):
        self.team.user_ids = self.agent_1
        ticket = self._complaint("发霉")
        self.assertEqual(ticket.user_id, self.agent_1)
        ticket.with_user(self.agent_1).message_post(
            body="We are sorry, a new box leaves today.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertTrue(ticket.crm_first_response_date)
        ticket._crm_refresh_sla_status(now=datetime(2099, 1, 1))
        self.assertEqual(ticket.crm_sla_status, "on_track")

    def _log_interaction(self, ticket, xmlid, outcome):
        """The agent clicks Log Interaction on the complaint and records the
        call (or chat, or visit) that took place."""
        arch = ticket.with_user(self.agent_1).get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn("'default_ticket_id': id", arch)
        wizard = Form(
            self.env["crm.interaction.log.wizard"]
            .with_user(self.agent_1)
            .with_context(
                default_partner_id=ticket.partner_id.id, default_ticket_id=ticket.id
            )
        )
        wizard.activity_type_id = self.env.ref(xmlid)
        wizard.summary = "Mouldy strawberries"
        wizard.outcome = outcome
        wizard.feedback = "Sorry, a new box leaves today."
        wizard.save().action_log()

    def test_logged_call_is_the_first_response(self):
        self.team.user_ids = self.agent_1
        ticket = self._complaint("发霉")
        self._log_interaction(
            ticket, "crm_fresh_loyalty.mail_activity_type_call", "agreed"
        )
        self.assertTrue(ticket.crm_first_response_date)
        ticket._crm_refresh_sla_status(now=datetime(2099, 1, 1))
        self.assertEqual(ticket.crm_sla_status, "on_track")
        self.assertIn("Mouldy strawberries", ticket.message_ids[0].body)

    def test_logged_wechat_chat_and_visit_are_first_responses(self):
        self.team.user_ids = self.agent_1
        for xmlid in ("mail_activity_type_wechat", "mail_activity_type_store_visit"):
            ticket = self._complaint("发霉")
            self._log_interaction(ticket, f"crm_fresh_loyalty.{xmlid}", "reached")
            self.assertTrue(ticket.crm_first_response_date, xmlid)

    def test_call_that_did_not_reach_the_customer_is_no_response(self):
        self.team.user_ids = self.agent_1
        ticket = self._complaint("发霉")
        self._log_interaction(
            ticket, "crm_fresh_loyalty.mail_activity_type_call", "not_reached"
        )
        self.assertFalse(ticket.crm_first_response_date)

    def test_internal_note_is_not_a_response(self):
        ticket = self._complaint("发霉")
        ticket.with_user(self.agent_1).message_post(
            body="Check the lot", subtype_xmlid="mail.mt_note"
        )
        self.assertFalse(ticket.crm_first_response_date)

    def test_resolution_deadline_per_category_from_helpdesk_sla(self):
        self.team.write({"use_sla": True, "user_ids": [Command.set(self.agent_1.ids)]})
        self.env["helpdesk.sla"].create(
            {
                "name": "Quality solved in 8 hours",
                "team_ids": [Command.set(self.team.ids)],
                "category_ids": [Command.set(self.quality.ids)],
                "stage_id": self.stage_done.id,
                "hours": 8,
            }
        )
        quality = self._complaint("发霉")
        logistics = self._complaint("快递")
        self.assertEqual(len(quality.ticket_sla_ids), 1)
        self.assertFalse(logistics.ticket_sla_ids)
        for ticket in quality | logistics:
            ticket.with_user(self.agent_1).message_post(
                body="On it", message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        (quality | logistics)._crm_refresh_sla_status(now=datetime(2099, 1, 1))
        self.assertEqual(quality.crm_sla_status, "breached")
        self.assertEqual(logistics.crm_sla_status, "on_track")

    def test_escalation_to_leader_then_manager_once_each(self):
        ticket = self._friday_complaint()
        breach = MONDAY.replace(hour=10)
        Ticket = self.Ticket
        self.assertIn(ticket, Ticket._crm_escalate(now=breach))
        self.assertEqual(ticket.crm_escalation_level, "leader")
        self.assertEqual(len(self._escalations(ticket, self.leader)), 1)
        # The next runs, before the manager's turn, alert nobody.
        self.assertNotIn(ticket, Ticket._crm_escalate(now=breach))
        self.assertNotIn(ticket, Ticket._crm_escalate(now=breach + timedelta(hours=3)))
        self.assertFalse(self._escalations(ticket, self.care_manager))
        self.assertIn(ticket, Ticket._crm_escalate(now=breach + timedelta(hours=4)))
        self.assertEqual(ticket.crm_escalation_level, "manager")
        self.assertNotIn(ticket, Ticket._crm_escalate(now=breach + timedelta(hours=9)))
        self.assertEqual(len(self._escalations(ticket, self.leader)), 1)
        self.assertEqual(len(self._escalations(ticket, self.care_manager)), 1)

    def test_cron_escalates_batch_by_batch(self):
        old = datetime(2020, 1, 6, 8)
        tickets = self._complaint("发霉", crm_received_date=old) | self._complaint(
            "快递", crm_received_date=old
        )
        # every open complaint of the database is processed (demo data too)
        open_count = self.Ticket.search_count(self.Ticket._crm_open_complaints_domain())
        committed = []
        with (
            patch("odoo.addons.crm_aftersales.models.helpdesk_ticket.BATCH_SIZE", 1),
            patch.object(
                type(self.env["ir.cron"]),
                "_commit_progress",
                lambda _cron, processed, remaining=None: (
                    committed.append((processed, remaining)) or 1.0
                ),
            ),
        ):
            self.Ticket._cron_escalate_complaints()
        # one batch per complaint, the remaining ones counting down
        self.assertEqual(
            committed, [(1, remaining) for remaining in range(open_count - 1, -1, -1)]
        )
        self.assertEqual(tickets.mapped("crm_sla_status"), ["breached", "breached"])
        self.assertEqual(tickets.mapped("crm_escalation_level"), ["leader", "leader"])
