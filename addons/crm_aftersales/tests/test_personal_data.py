# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_rma import ReturnCase


@tagged("post_install", "-at_install")
class TestPersonalData(ReturnCase):
    def _erase(self):
        self.customer.with_user(self.care_manager).action_crm_erase_personal_data()

    def test_open_return_refuses_erasure(self):
        rma = self._create_return(2.0)
        with self.assertRaisesRegex(UserError, rma.name):
            self._erase()
        self.assertEqual(self.customer.name, "Wang Fang")

    def test_cancelled_return_allows_erasure(self):
        rma = self._create_return(2.0)
        rma.action_cancel()
        self._erase()
        self.assertEqual(self.customer.name, f"Anonymized customer #{self.customer.id}")
        self.assertEqual(rma.partner_id, self.customer)

    def test_open_ticket_refuses_erasure(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Late delivery",
                "description": "<p>-</p>",
                "partner_id": self.customer.id,
            }
        )
        with self.assertRaisesRegex(UserError, "open"):
            self._erase()
        ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self._erase()
        self.assertFalse(self.customer.phone)

    def test_export_lists_returns(self):
        rma = self._create_return(2.0)
        sections = self.customer.sudo()._crm_personal_data()
        self.assertEqual([r["Name"] for r in sections["Returns"]], [rma.name])
        self.assertEqual(sections["Tickets"], [])

    def _ticket(self):
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Bruised apples",
                "description": "<p>-</p>",
                "partner_id": self.customer.id,
            }
        )
        ticket.write(
            {"partner_name": "Wang Fang", "partner_email": "wang.fang@example.com"}
        )
        return ticket

    def test_ticket_copy_of_email_masked(self):
        ticket = self._ticket()
        for user in (self.care_user, self.env.ref("base.user_demo")):
            [values] = ticket.with_user(user).read(["partner_email", "partner_name"])
            self.assertEqual(values["partner_email"], "w***@example.com", user.login)
            [values] = ticket.with_user(user).web_read({"partner_email": {}})
            self.assertEqual(values["partner_email"], "w***@example.com")
        self.care_user.group_ids |= self.env.ref("base.group_allow_export")
        rows = ticket.with_user(self.care_user).export_data(["partner_email"])
        self.assertEqual(rows["datas"], [["w***@example.com"]])
        Ticket = self.env["helpdesk.ticket"].with_user(self.care_user)
        with self.assertRaises(UserError):
            Ticket.formatted_read_group([], ["partner_email"])
        # searching by the real email still finds it
        self.assertEqual(
            Ticket.search([("partner_email", "=", "wang.fang@example.com")]), ticket
        )
        [values] = ticket.with_user(self.care_manager).read(["partner_email"])
        self.assertEqual(values["partner_email"], "wang.fang@example.com")

    def test_erasure_wipes_ticket_copies(self):
        ticket = self._ticket()
        ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self._erase()
        self.assertFalse(ticket.partner_email)
        self.assertFalse(ticket.partner_name)
        self.assertEqual(ticket.partner_id, self.customer)
