# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.crm_fresh_loyalty.tests.common import MembershipCase


class ComplaintCase(MembershipCase):
    """Complaint categories, a team working 8-12 and 13-17 (UTC) on weekdays
    with two members and a leader, and helpers to file complaints."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Ticket = cls.env["helpdesk.ticket"]
        cls.complaint_type = cls.env.ref(
            "crm_aftersales.helpdesk_ticket_type_complaint"
        )
        cls.quality = cls.env.ref("crm_aftersales.helpdesk_ticket_category_quality")
        cls.logistics = cls.env.ref("crm_aftersales.helpdesk_ticket_category_logistics")
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Complaint desk", "tz": "UTC"}
        )
        cls.agent_1 = new_test_user(
            cls.env,
            login="agent_1",
            groups="crm_fresh_loyalty.group_customer_care_user",
        )
        cls.agent_2 = new_test_user(
            cls.env,
            login="agent_2",
            groups="crm_fresh_loyalty.group_customer_care_user",
        )
        cls.leader = new_test_user(
            cls.env,
            login="team_leader",
            groups="crm_fresh_loyalty.group_customer_care_manager",
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Shanghai after-sales",
                "user_ids": [Command.set((cls.agent_1 | cls.agent_2).ids)],
                "user_id": cls.leader.id,
                "resource_calendar_id": cls.calendar.id,
            }
        )
        cls.env.company.write(
            {
                "crm_aftersales_manager_id": cls.care_manager.id,
                "crm_complaint_fallback_team_id": cls.team.id,
            }
        )
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")

    @classmethod
    def _complaint(cls, subject="Complaint", description="<p>-</p>", **vals):
        return cls.Ticket.create(
            {
                "name": subject,
                "description": description,
                "type_id": cls.complaint_type.id,
                "partner_id": cls.member.id,
                **vals,
            }
        )
