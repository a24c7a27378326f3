# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged

from .common_rma import ReturnCase


@tagged("post_install", "-at_install")
class TestRmaPortal(HttpCase, ReturnCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env,
            login="fang_portal",
            password="fang_portal_pw",
            groups="base.group_portal",
            partner_id=cls.customer.id,
        )
        cls.stranger = cls.env["res.partner"].create({"name": "Zhao Lei"})
        cls.other_order = cls._sell_and_deliver(cls.stranger, 1.0)

    def _post_return(self, order, qty, access_token=None):
        self.authenticate("fang_portal", "fang_portal_pw")
        return self.url_open(
            f"/my/orders/{order.id}/return",
            data={
                "access_token": access_token or "",
                "csrf_token": Request.csrf_token(self),
                "sale_line_id": order.order_line.id,
                "product_uom_qty": qty,
                "reason_id": self.spoiled.id,
                "description": "Mouldy on arrival",
            },
        )

    def test_form_lists_delivered_lines(self):
        self.authenticate("fang_portal", "fang_portal_pw")
        response = self.url_open(f"/my/orders/{self.order.id}/return")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Fuji apples", response.text)
        self.assertIn("Spoiled or not fresh", response.text)

    def test_order_page_offers_a_return(self):
        self.authenticate("fang_portal", "fang_portal_pw")
        response = self.url_open(f"/my/orders/{self.order.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"/my/orders/{self.order.id}/return", response.text)

    def test_request_creates_draft_return(self):
        response = self._post_return(self.order, 2)
        self.assertEqual(response.status_code, 200)
        rma = self.order.rma_ids
        self.assertEqual(len(rma), 1)
        self.assertEqual(rma.state, "draft")
        self.assertEqual(rma.product_uom_qty, 2.0)
        self.assertEqual(rma.reason_id, self.spoiled)
        self.assertEqual(rma.partner_id, self.customer)
        self.assertIn(f"/my/rmas/{rma.id}", response.url)

    def test_request_for_more_than_bought_shows_error(self):
        response = self._post_return(self.order, 50)
        self.assertIn("were delivered", response.text)
        self.assertFalse(self.order.rma_ids)

    def test_order_of_another_customer_refused(self):
        response = self._post_return(self.other_order, 1)
        self.assertFalse(self.other_order.rma_ids)
        self.assertTrue(response.url.endswith("/my"))

    def test_shared_order_of_another_customer_refused(self):
        token = self.other_order._portal_ensure_token()
        response = self._post_return(self.other_order, 1, access_token=token)
        self.assertFalse(self.other_order.rma_ids)
        self.assertTrue(response.url.endswith("/my"))
