# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

PHONE = "13812345678"
EMAIL = "zhang.wei@example.com"
STREET = "88 Nanjing East Road"
DELIVERY_STREET = "9 Huaihai Middle Road"


@tagged("post_install", "-at_install")
class TestPrivacyDocuments(HttpCase):
    """Printed documents and QWeb pages, as their reader gets them: a
    salesperson or accountant outside the groups seeing personal data prints
    and previews the customer's address block masked; the officer prints it
    in clear; the quotation and the invoice sent to the customer, and the
    customer's own portal, stay in clear."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = new_test_user(
            cls.env,
            login="doc_sales",
            groups="sales_team.group_sale_salesman",
        )
        cls.accountant = new_test_user(
            cls.env, login="doc_accountant", groups="account.group_account_invoice"
        )
        cls.officer = new_test_user(
            cls.env,
            login="doc_dpo",
            groups="sales_team.group_sale_salesman_all_leads,"
            "account.group_account_invoice,"
            "crm_customer_privacy.group_data_protection_officer",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Zhang Wei",
                "phone": PHONE,
                "email": EMAIL,
                "street": STREET,
                "city": "Shanghai",
            }
        )
        cls.delivery = cls.env["res.partner"].create(
            {
                "name": "Zhang Wei's shop",
                "type": "delivery",
                "parent_id": cls.customer.id,
                "street": DELIVERY_STREET,
                "city": "Shanghai",
            }
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="doc_customer",
            groups="base.group_portal",
            partner_id=cls.customer.id,
            email=EMAIL,
        )
        product = cls.env["product.product"].create(
            {"name": "Lychees", "list_price": 30.0}
        )
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "partner_shipping_id": cls.delivery.id,
                "user_id": cls.salesperson.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        cls.invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_line_ids": [
                    Command.create({"name": "Lychees", "quantity": 1, "price_unit": 30})
                ],
            }
        )
        cls.invoice.action_post()

    def _get(self, user, url):
        self.authenticate(user.login, user.login)
        # Odoo's report route is read-only; rendering an invoice makes
        # account write on it, so Odoo logs the refused query and retries the
        # request with a read/write cursor (the response is still checked)
        with mute_logger("odoo.sql_db"):
            response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response.text

    def _print(self, user, report, record):
        return self._get(user, f"/report/html/{report}/{record.id}")

    def test_order_printed_masked_for_salesperson(self):
        text = self._print(self.salesperson, "sale.report_saleorder", self.order)
        self.assertIn("Zhang Wei", text)
        self.assertNotIn(STREET, text)
        self.assertIn("88 Nan****", text)
        self.assertNotIn(DELIVERY_STREET, text)

    def test_order_printed_clear_for_officer(self):
        text = self._print(self.officer, "sale.report_saleorder", self.order)
        self.assertIn(STREET, text)
        self.assertIn(DELIVERY_STREET, text)

    def test_invoice_printed_masked_for_accountant(self):
        text = self._print(self.accountant, "account.report_invoice", self.invoice)
        self.assertNotIn(STREET, text)
        self.assertIn("88 Nan****", text)
        text = self._print(self.officer, "account.report_invoice", self.invoice)
        self.assertIn(STREET, text)

    def test_portal_preview_masked_for_salesperson(self):
        # the order's Preview button: the customer's portal page, opened in
        # sudo by the portal controller once the access is checked
        text = self._get(self.salesperson, self.order.get_portal_url())
        self.assertIn("Zhang Wei", text)
        for clear in (PHONE, EMAIL, STREET, DELIVERY_STREET):
            self.assertNotIn(clear, text)
        self.assertIn("138****5678", text)
        self.assertIn("z***@example.com", text)
        text = self._get(
            self.salesperson, self.order.get_portal_url(report_type="html")
        )
        self.assertNotIn(STREET, text)

    def test_customer_portal_in_clear(self):
        text = self._get(self.portal_user, self.order.get_portal_url())
        for clear in (PHONE, EMAIL, STREET, DELIVERY_STREET):
            self.assertIn(clear, text)
        text = self._get(
            self.portal_user, self.order.get_portal_url(report_type="html")
        )
        self.assertIn(DELIVERY_STREET, text)

    def test_quotation_sent_by_salesperson_in_clear(self):
        order = self.order.with_user(self.salesperson)
        action = order.action_quotation_send()
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.salesperson)
            .with_context(**action["context"])
            .create({})
        )
        composer.action_send_mail()
        [attachment] = order.message_ids[0].attachment_ids
        # tests render reports as HTML (no wkhtmltopdf)
        content = attachment.sudo().raw.decode()
        self.assertIn(STREET, content)
        self.assertIn(DELIVERY_STREET, content)

    def test_invoice_sent_by_accountant_in_clear(self):
        self.env["account.move.send"].with_user(
            self.accountant
        )._generate_and_send_invoices(self.invoice, sending_methods=["manual"])
        content = self.invoice.invoice_pdf_report_id.raw.decode()
        self.assertIn(STREET, content)
        # printed again by the accountant: masked
        text = self._print(self.accountant, "account.report_invoice", self.invoice)
        self.assertNotIn(STREET, text)
