# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged

from .common_rma import ReturnCase

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


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

    def _post_return(
        self, order, qty, access_token=None, description="Mouldy on arrival", files=None
    ):
        self.authenticate("fang_portal", "fang_portal_pw")
        return self.url_open(
            f"/my/orders/{order.id}/return",
            data={
                "access_token": access_token or "",
                "csrf_token": Request.csrf_token(self),
                "sale_line_id": order.order_line.id,
                "product_uom_qty": qty,
                "reason_id": self.spoiled.id,
                "description": description,
            },
            files=files,
        )

    def test_form_asks_what_happened_with_text_and_photos(self):
        self.authenticate("fang_portal", "fang_portal_pw")
        response = self.url_open(f"/my/orders/{self.order.id}/return")
        self.assertIn('enctype="multipart/form-data"', response.text)
        self.assertRegex(
            response.text, r'<textarea[^>]*name="description"[^>]*>\s*</textarea>'
        )
        self.assertIn('type="file" name="photos"', response.text)

    def test_request_with_text_and_photo(self):
        response = self._post_return(
            self.order, 2, files=[("photos", ("strawberries.png", PNG, "image/png"))]
        )
        rma = self.order.rma_ids
        self.assertIn(f"/my/rmas/{rma.id}", response.url)
        self.assertIn("Mouldy on arrival", rma.description)
        photo = self.env["ir.attachment"].search(
            [("res_model", "=", "rma"), ("res_id", "=", rma.id)]
        )
        self.assertEqual(photo.name, "strawberries.png")
        message = rma.message_ids.filtered(lambda m: photo in m.attachment_ids)
        self.assertEqual(message.author_id, self.customer)
        # a comment of the customer's, shown in the return page's chatter
        self.assertEqual(message.message_type, "comment")
        self.assertFalse(message.subtype_id.internal)

    def test_request_without_text_or_photo(self):
        self._post_return(self.order, 1, description="")
        rma = self.order.rma_ids
        self.assertEqual((rma.state, rma.product_uom_qty), ("draft", 1.0))
        self.assertFalse(
            self.env["ir.attachment"].search(
                [("res_model", "=", "rma"), ("res_id", "=", rma.id)]
            )
        )

    def test_file_that_is_not_a_photo_is_refused(self):
        response = self._post_return(
            self.order, 1, files=[("photos", ("notes.txt", b"just text", "image/png"))]
        )
        self.assertIn("notes.txt is not a photo", response.text)
        self.assertIn("Mouldy on arrival", response.text)
        self.assertFalse(self.order.rma_ids)

    def test_zero_quantity_refused(self):
        response = self._post_return(self.order, 0)
        self.assertIn("as a number above 0", response.text)
        self.assertFalse(self.order.rma_ids)

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
        # said to the customer, without the number of a return not created
        self.assertIn("you can return at most 10.0 Units of Fuji apples", response.text)
        self.assertNotIn("return New", response.text)
        self.assertFalse(self.order.rma_ids)

    def test_request_beyond_what_is_left_to_return_shows_error(self):
        self._post_return(self.order, 8)
        response = self._post_return(self.order, 3)
        self.assertIn("you can return at most 2.0 Units", response.text)
        self.assertEqual(len(self.order.rma_ids), 1)

    def test_order_of_another_customer_refused(self):
        response = self._post_return(self.other_order, 1)
        self.assertFalse(self.other_order.rma_ids)
        self.assertTrue(response.url.endswith("/my"))

    def test_shared_order_of_another_customer_refused(self):
        token = self.other_order._portal_ensure_token()
        response = self._post_return(self.other_order, 1, access_token=token)
        self.assertFalse(self.other_order.rma_ids)
        self.assertTrue(response.url.endswith("/my"))
