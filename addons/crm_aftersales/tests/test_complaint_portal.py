# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import format_datetime


@tagged("post_install", "-at_install")
class TestComplaintPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            login="portal_test_agent",
            groups="crm_fresh_loyalty.group_customer_care_user",
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {"name": "Web complaints", "user_ids": [(6, 0, cls.agent.ids)]}
        )
        cls.env.company.crm_complaint_fallback_team_id = cls.team
        cls.customer = new_test_user(
            cls.env, login="portal_customer", groups="base.group_portal"
        )
        cls.quality = cls.env.ref("crm_aftersales.helpdesk_ticket_category_quality")

    def _csrf(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)

    def test_portal_complaint_is_classified_and_routed(self):
        self.authenticate("portal_customer", "portal_customer")
        response = self.url_open(
            "/submitted/ticket",
            data={
                "subject": "草莓不新鲜",
                "description": "收到的草莓发霉了",
                "csrf_token": self._csrf("/new/ticket"),
            },
        )
        self.assertEqual(response.status_code, 200)
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.customer.partner_id.id)]
        )
        self.assertEqual(len(ticket), 1)
        self.assertTrue(ticket.crm_is_complaint)
        self.assertEqual(ticket.category_id, self.quality)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.user_id, self.agent)
        self.assertEqual(ticket.crm_sla_status, "on_track")
        self.assertIn(f"/my/ticket/{ticket.id}", response.url)

    def test_portal_complaint_is_acknowledged_with_the_answer_time(self):
        self.customer.partner_id.tz = "Asia/Shanghai"
        self.authenticate("portal_customer", "portal_customer")
        self.url_open(
            "/submitted/ticket",
            data={
                "subject": "草莓不新鲜",
                "description": "收到的草莓发霉了",
                "csrf_token": self._csrf("/new/ticket"),
            },
        )
        ticket = self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.customer.partner_id.id)]
        )
        message = self.env["crm.customer.message"].search(
            [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(
            (len(message), message.event, message.state, message.channel),
            (1, "complaint_received", "sent", "email"),
        )
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                ("recipient_ids", "in", self.customer.partner_id.ids),
            ]
        )
        self.assertIn(ticket.number, mail.subject)
        self.assertTrue(ticket.crm_response_deadline)
        self.assertIn(
            format_datetime(
                self.env,
                ticket.crm_response_deadline,
                tz="Asia/Shanghai",
                dt_format="short",
            ),
            mail.body_html,
        )

    def _submit(self, subject, description):
        self.env.flush_all()
        self.authenticate("portal_customer", "portal_customer")
        self.url_open(
            "/submitted/ticket",
            data={
                "subject": subject,
                "description": description,
                "csrf_token": self._csrf("/new/ticket"),
            },
        )
        return self.env["helpdesk.ticket"].search(
            [("partner_id", "=", self.customer.partner_id.id)]
        )

    def _acknowledgements(self, ticket):
        return self.env["crm.customer.message"].search(
            [
                ("res_model", "=", "helpdesk.ticket"),
                ("res_id", "=", ticket.id),
                ("event", "=", "complaint_received"),
            ]
        )

    def test_portal_praise_stays_an_ordinary_ticket(self):
        """By default, a ticket the classifier says is not a complaint is an
        ordinary helpdesk ticket: no complaint type, SLA or acknowledgement."""
        ticket = self._submit("表扬", "谢谢你们，草莓很甜，送货也快，好评！")
        self.assertEqual(len(ticket), 1)
        self.assertEqual(
            (ticket.type_id, ticket.crm_is_complaint, ticket.crm_sla_status),
            (self.env["helpdesk.ticket.type"], False, False),
        )
        self.assertFalse(ticket.user_id)
        self.assertFalse(self._acknowledgements(ticket))

    def test_portal_praise_is_a_complaint_when_every_ticket_is(self):
        self.env.company.crm_untyped_ticket_policy = "all"
        ticket = self._submit("表扬", "谢谢你们，草莓很甜，送货也快，好评！")
        self.assertEqual(
            ticket.type_id,
            self.env.ref("crm_aftersales.helpdesk_ticket_type_complaint"),
        )
        self.assertEqual(ticket.crm_classification, "not_complaint")

    def test_portal_complaint_is_ordinary_when_no_ticket_is(self):
        self.env.company.crm_untyped_ticket_policy = "none"
        ticket = self._submit("草莓不新鲜", "收到的草莓发霉了")
        self.assertEqual(
            (ticket.crm_is_complaint, ticket.team_id), (False, self.team.browse())
        )
        self.assertFalse(self._acknowledgements(ticket))
