# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


class OrderComplaintCase(HttpCase):
    """A portal customer with a confirmed order of two products, and another
    portal customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        agent = new_test_user(
            cls.env,
            login="order_complaint_agent",
            groups="crm_fresh_loyalty.group_customer_care_user",
        )
        cls.env.company.crm_complaint_fallback_team_id = cls.env[
            "helpdesk.ticket.team"
        ].create({"name": "Web complaints", "user_ids": [Command.set(agent.ids)]})
        cls.customer = new_test_user(
            cls.env, login="order_customer", groups="base.group_portal"
        )
        cls.other = new_test_user(
            cls.env, login="other_customer", groups="base.group_portal"
        )
        cls.melon, cls.lychee, cls.durian = cls.env["product.product"].create(
            [
                {"name": "Hami melon", "list_price": 30.0},
                {"name": "Lychee", "list_price": 50.0},
                {"name": "Durian", "list_price": 80.0},
            ]
        )
        cls.order = cls.env["sale.order"].create(
            {
                "name": "SO-FRESH-0001",
                "partner_id": cls.customer.partner_id.id,
                "order_line": [
                    Command.create({"product_id": cls.melon.id}),
                    Command.create({"product_id": cls.lychee.id}),
                ],
            }
        )
        cls.order.action_confirm()

    def _csrf(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return re.search(r'name="csrf_token" value="([^"]+)"', response.text).group(1)

    def _submit(self, login, **data):
        self.authenticate(login, login)
        return self.url_open(
            "/submitted/ticket",
            data={
                "subject": "Melon was overripe",
                "description": "The melon was overripe.",
                "csrf_token": self._csrf("/new/ticket"),
                "sale_order_id": str(self.order.id),
                **data,
            },
        )

    def _complaints(self):
        return self.env["helpdesk.ticket"].search([("name", "=", "Melon was overripe")])


@tagged("post_install", "-at_install")
class TestOrderComplaint(OrderComplaintCase):
    def test_order_page_links_the_complaint_form(self):
        self.authenticate("order_customer", "order_customer")
        response = self.url_open(f"/my/orders/{self.order.id}")
        self.assertIn(
            f'href="/new/ticket?sale_order_id={self.order.id}"', response.text
        )

    def test_complaint_form_shows_the_order_and_its_products(self):
        self.authenticate("order_customer", "order_customer")
        response = self.url_open(f"/new/ticket?sale_order_id={self.order.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("SO-FRESH-0001", response.text)
        self.assertIn(
            f'<option value="{self.lychee.id}">Lychee</option>', response.text
        )
        self.assertNotIn("Durian", response.text)

    def test_complaint_form_of_another_customer_order_is_not_found(self):
        self.authenticate("other_customer", "other_customer")
        response = self.url_open(f"/new/ticket?sale_order_id={self.order.id}")
        self.assertEqual(response.status_code, 404)

    def test_complaint_is_linked_to_the_order_and_product(self):
        response = self._submit("order_customer", product_id=str(self.melon.id))
        complaint = self._complaints()
        self.assertIn(f"/my/ticket/{complaint.id}", response.url)
        self.assertEqual(
            (complaint.crm_sale_order_id, complaint.crm_product_id),
            (self.order, self.melon),
        )
        self.assertTrue(complaint.crm_is_complaint)

    def test_complaint_about_the_whole_order(self):
        self._submit("order_customer", product_id="")
        complaint = self._complaints()
        self.assertEqual(complaint.crm_sale_order_id, self.order)
        self.assertFalse(complaint.crm_product_id)

    def test_complaint_about_another_customer_order_is_refused(self):
        response = self._submit("other_customer")
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self._complaints())

    def test_complaint_about_a_product_not_in_the_order_is_refused(self):
        response = self._submit("order_customer", product_id=str(self.durian.id))
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self._complaints())

    def test_complaint_page_shows_the_order(self):
        self._submit("order_customer", product_id=str(self.melon.id))
        response = self.url_open(f"/my/ticket/{self._complaints().id}")
        self.assertIn("o_crm_ticket_order", response.text)
        self.assertIn("SO-FRESH-0001", response.text)


@tagged("post_install", "-at_install")
class TestOrderComplaintTour(OrderComplaintCase):
    def test_order_complaint_tour(self):
        self.start_tour("/my/orders", "crm_order_complaint", login="order_customer")
        complaint = self._complaints()
        self.assertEqual(
            (
                complaint.partner_id,
                complaint.crm_sale_order_id,
                complaint.crm_product_id,
            ),
            (self.customer.partner_id, self.order, self.melon),
        )
