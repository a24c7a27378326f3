# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import new_test_user, tagged

from .common_complaint import ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintRouting(ComplaintCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.china = cls.env.ref("base.cn")
        cls.zhejiang = cls.env["res.country.state"].search(
            [("country_id", "=", cls.china.id)], limit=1
        )
        cls.north_agent = new_test_user(
            cls.env,
            login="north_agent",
            groups="crm_fresh_loyalty.group_customer_care_user",
        )
        cls.north = cls.env["helpdesk.ticket.team"].create(
            {"name": "North", "user_ids": [Command.set(cls.north_agent.ids)]}
        )
        cls.hangzhou = cls.env["helpdesk.ticket.team"].create({"name": "Hangzhou"})
        cls.env["crm.complaint.route"].create(
            [
                {
                    "sequence": 1,
                    "category_id": cls.quality.id,
                    "state_id": cls.zhejiang.id,
                    "city": "Hangzhou",
                    "team_id": cls.hangzhou.id,
                },
                {
                    "sequence": 2,
                    "category_id": cls.quality.id,
                    "state_id": cls.zhejiang.id,
                    "team_id": cls.north.id,
                },
            ]
        )

    def test_team_from_category_and_state(self):
        self.member.write({"country_id": self.china.id, "state_id": self.zhejiang.id})
        ticket = self._complaint("发霉")
        self.assertEqual(ticket.team_id, self.north)
        self.assertEqual(ticket.user_id, self.north_agent)

    def test_city_rule_wins_by_sequence(self):
        self.member.write(
            {"state_id": self.zhejiang.id, "city": " hangzhou ", "country_id": False}
        )
        self.assertEqual(self._complaint("发霉").team_id, self.hangzhou)

    def test_other_region_goes_to_fallback_team(self):
        self.member.state_id = False
        self.assertEqual(self._complaint("发霉").team_id, self.team)

    def test_other_category_goes_to_fallback_team(self):
        self.member.state_id = self.zhejiang
        self.assertEqual(self._complaint("快递").team_id, self.team)

    def test_assignee_by_load_counted_for_the_batch(self):
        self._complaint("快递", user_id=self.agent_1.id, team_id=self.team.id)
        first, second, third = self.Ticket.create(
            [
                {
                    "name": "配送",
                    "description": "<p>-</p>",
                    "type_id": self.complaint_type.id,
                    "partner_id": self.member.id,
                }
                for _index in range(3)
            ]
        )
        # agent_1 had one open ticket: agent_2 first, then the lower id on a tie
        self.assertEqual(first.user_id, self.agent_2)
        self.assertEqual(second.user_id, self.agent_1)
        self.assertEqual(third.user_id, self.agent_2)

    def test_closed_tickets_do_not_count_as_load(self):
        self.agent_1, self.agent_2 = sorted(
            (self.agent_1, self.agent_2), key=lambda u: u.id
        )
        done = self._complaint("配送", user_id=self.agent_2.id, team_id=self.team.id)
        done.write(
            {
                "crm_resolution": "Redelivered",
                "crm_cause_id": self.env.ref(
                    "crm_aftersales.crm_complaint_cause_delivery"
                ).id,
                "crm_compensation_decision": "none",
                "stage_id": self.stage_done.id,
            }
        )
        self._complaint("配送", user_id=self.agent_1.id, team_id=self.team.id)
        self.assertEqual(self._complaint("配送").user_id, self.agent_2)

    def test_priority_from_category_and_tier(self):
        # Four complaints in a row: keep the repeat complainer raise out.
        self.env.company.crm_repeat_complaint_count = 10
        self.assertEqual(self._complaint("发霉").priority, "2")  # no tier
        self.card.crm_tier_id = self.silver  # lowest tier
        self.assertEqual(self._complaint("发霉").priority, "2")
        self.card.crm_tier_id = self.gold
        self.assertEqual(self._complaint("发霉").priority, "3")
        self.assertEqual(self._complaint("快递").priority, "2")

    def test_route_again_after_a_correction(self):
        self.member.state_id = self.zhejiang
        ticket = self._complaint("快递")
        self.assertEqual(ticket.team_id, self.team)
        ticket.category_id = self.quality
        ticket.action_crm_route()
        self.assertEqual(ticket.team_id, self.north)
        self.assertEqual(ticket.user_id, self.north_agent)

    def test_agent_files_a_complaint_in_the_back_office(self):
        self.member.state_id = self.zhejiang
        self._complaint("发霉", user_id=self.north_agent.id, team_id=self.north.id)
        ticket = self.Ticket.with_user(self.agent_1).create(
            {
                "name": "客户来电：草莓发霉",
                "description": "<p>-</p>",
                "type_id": self.complaint_type.id,
                "partner_id": self.member.id,
            }
        )
        self.assertEqual(ticket.category_id, self.quality)
        self.assertEqual(ticket.team_id, self.north)
        self.assertEqual(ticket.user_id, self.north_agent)
        self.assertEqual(ticket.crm_sla_status, "on_track")
