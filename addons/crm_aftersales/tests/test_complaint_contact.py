# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestComplaintContact(TransactionCase):
    def test_contact_field_never_creates_a_customer_named_after_a_phone(self):
        care_user = new_test_user(
            self.env,
            login="contact_care",
            groups="crm_fresh_loyalty.group_customer_care_user",
        )
        caller = self.env["res.partner"].create(
            {"name": "Zhao Lei", "phone": "+86 180 4365 6607"}
        )
        Ticket = self.env["helpdesk.ticket"].with_user(care_user)
        arch = etree.fromstring(Ticket.get_view(view_type="form")["arch"])
        [contact] = arch.xpath("//group/field[@name='partner_id']")
        # no "Create "18043656607"" in the dropdown, only "Create and edit"
        self.assertIn("'no_quick_create': True", contact.get("options"))
        found = self.env["res.partner"].with_user(care_user).name_search("18043656607")
        self.assertEqual([pid for pid, _name in found], caller.ids)
