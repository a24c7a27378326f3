# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.point_of_sale.tests.common import CommonPosTest


@tagged("post_install", "-at_install")
class TestPosCustomerCardAftersales(CommonPosTest):
    """The till's customer card lists the customer's open complaints and
    returns, by reference, for a cashier who may not read them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cashier = new_test_user(
            cls.env,
            login="card_cashier",
            groups="base.group_user,point_of_sale.group_pos_user",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Wang Fang", "email": "wang.fang@example.com"}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Wang Fang (office)", "parent_id": cls.customer.id}
        )
        # filed by customer care (the test user is a cashier)
        Ticket = cls.env["helpdesk.ticket"].sudo()
        cls.complaint = Ticket.create(
            {
                "name": "Bruised peaches, call me on 138 0013 8000",
                "description": "<p>Private details</p>",
                "type_id": cls.env.ref(
                    "crm_aftersales.helpdesk_ticket_type_complaint"
                ).id,
                "category_id": cls.env.ref(
                    "crm_aftersales.helpdesk_ticket_category_quality"
                ).id,
                "partner_id": cls.contact.id,
            }
        )
        cls.closed = Ticket.create(
            {
                "name": "Late delivery",
                "description": "<p>-</p>",
                "partner_id": cls.customer.id,
                "stage_id": cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id,
            }
        )
        cls.product = cls.twenty_dollars_no_tax.product_variant_id
        cls.rma = (
            cls.env["rma"]
            .sudo()
            .create(
                {
                    "partner_id": cls.customer.id,
                    "product_id": cls.product.id,
                    "product_uom_qty": 1,
                }
            )
        )

    def test_open_complaints_and_returns_on_card(self):
        config = self.pos_config_usd
        card = self.customer.with_user(self.cashier).crm_pos_customer_card(config.id)
        self.assertEqual(
            [(c["reference"], c["category"]) for c in card["complaints"]],
            [(self.complaint.number, self.complaint.category_id.display_name)],
        )
        self.assertEqual(
            [(r["reference"], r["product"]) for r in card["returns"]],
            [(self.rma.name, self.product.display_name)],
        )
        # references, not content: the subject and description stay out
        self.assertNotIn("138 0013 8000", str(card))
        self.assertNotIn("Private details", str(card))
