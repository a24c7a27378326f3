# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, new_test_user, tagged

from .common_complaint import ComplaintCase


@tagged("post_install", "-at_install")
class TestFeedback(ComplaintCase, HttpCase):
    """Suggestions and praise come in through the complaint doors with their
    own type, and are counted by theme."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.suggestion = cls.env.ref("crm_aftersales.helpdesk_ticket_type_suggestion")
        cls.praise = cls.env.ref("crm_aftersales.helpdesk_ticket_type_praise")
        cls.portal_user = new_test_user(
            cls.env, login="feedback_customer", groups="base.group_portal"
        )
        cls.portal_user.partner_id.email = "feedback@example.com"

    def test_portal_suggestion_is_feedback_not_a_complaint(self):
        self.env.company.helpdesk_mgmt_portal_type = True
        self.authenticate("feedback_customer", "feedback_customer")
        form = self.url_open("/new/ticket")
        self.assertIn(self.suggestion.name, form.text)
        self.assertIn(self.praise.name, form.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
        response = self.url_open(
            "/submitted/ticket",
            data={
                "csrf_token": csrf,
                "subject": "建议增加有机蔬菜",
                "description": "希望门店多一些有机蔬菜",
                "type": self.suggestion.id,
                "category": self.quality.id,
            },
        )
        self.assertEqual(response.status_code, 200)
        ticket = self.Ticket.search(
            [("partner_id", "=", self.portal_user.partner_id.id)]
        )
        self.assertEqual(
            (ticket.type_id, ticket.crm_feedback_kind, ticket.crm_is_complaint),
            (self.suggestion, "suggestion", False),
        )
        # Not acknowledged as a complaint, no complaint SLA.
        self.assertFalse(
            self.env["crm.customer.message"].search(
                [("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)]
            )
        )
        self.assertFalse(ticket.crm_response_deadline)

    def test_feedback_counted_by_theme(self):
        for name, kind, category in (
            ("More organic vegetables", self.suggestion, self.quality),
            ("Open earlier", self.suggestion, self.logistics),
            ("The driver was kind", self.praise, self.logistics),
        ):
            self.Ticket.with_user(self.agent_1).create(
                {
                    "name": name,
                    "description": name,
                    "type_id": kind.id,
                    "category_id": category.id,
                    "partner_id": self.member.id,
                }
            )
        groups = self.Ticket.with_user(self.agent_1)._read_group(
            [("crm_feedback_kind", "!=", False), ("partner_id", "=", self.member.id)],
            ["category_id", "crm_feedback_kind"],
            ["__count"],
        )
        self.assertEqual(
            sorted((c.name, k, n) for c, k, n in groups),
            sorted(
                [
                    (self.quality.name, "suggestion", 1),
                    (self.logistics.name, "suggestion", 1),
                    (self.logistics.name, "praise", 1),
                ]
            ),
        )
