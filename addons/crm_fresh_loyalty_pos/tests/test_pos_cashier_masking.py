# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.crm_fresh_loyalty.tests.common import points_program_values
from odoo.addons.mail.models.mail_template import MailTemplate
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

PHONE = "13812345678"
EMAIL = "chen.jie@example.com"
STREET = "12 Huaihai Middle Road"


class CashierCase(TestPointOfSaleHttpCommon):
    """A member with contact details, tier and points, and POS's own cashier
    (``pos_user``: Point of Sale user rights only, no Customer Care)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.program"].search([]).action_archive()
        program = cls.env["loyalty.program"].create(
            points_program_values("Till Club", reward_points=1000)
        )
        # tiers are a care manager's setup; the test user is a POS manager
        cls.silver = (
            cls.env["crm.membership.tier"]
            .sudo()
            .create({"name": "Silver", "program_id": program.id, "qualify_spend": 100})
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Chen Jie",
                "phone": PHONE,
                "email": EMAIL,
                "street": STREET,
                "city": "Shanghai",
                "country_id": cls.env.ref("base.cn").id,
                "birthdate_date": date(1991, 6, 1),
            }
        )
        cls.card = cls.env["loyalty.card"].create(
            {"program_id": program.id, "partner_id": cls.customer.id}
        )
        cls.card._crm_adjust_points(120, "Welcome points")
        cls.card.sudo()._crm_set_tier(cls.silver, "manual", note="Test")


@tagged("post_install", "-at_install")
class TestPosCashierMasking(CashierCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.main_pos_config.with_user(cls.pos_user).open_ui()
        cls.pos_session = cls.main_pos_config.current_session_id
        cls.order = cls.env["pos.order"].create(
            {
                "session_id": cls.pos_session.id,
                "partner_id": cls.customer.id,
                "amount_total": 0,
                "amount_paid": 0,
                "amount_tax": 0,
                "amount_return": 0,
            }
        )

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _loaded_customer(self, data):
        [values] = [p for p in data["res.partner"] if p["id"] == self.customer.id]
        return values

    def test_pos_data_loading_masks_contact_details(self):
        self.authenticate("pos_user", "pos_user")
        data = self._call(
            "pos.session",
            "load_data",
            [self.pos_session.ids, ["pos.order", "res.partner", "crm.membership.tier"]],
        )
        values = self._loaded_customer(data)
        self.assertEqual(
            (values["crm_tier_name"], values["crm_points"]), ("Silver", 120)
        )
        self.assertEqual(
            (values["phone"], values["email"], values["street"]),
            ("138****5678", "c***@example.com", "12 Huai****"),
        )
        self.assertNotIn("Huaihai Middle Road", values["pos_contact_address"])
        self.assertNotIn(EMAIL, values["invoice_emails"])

    def test_pos_data_loading_masks_the_order_copy(self):
        self.authenticate("pos_user", "pos_user")
        data = self._call(
            "pos.session", "load_data", [self.pos_session.ids, ["pos.order"]]
        )
        [order] = [o for o in data["pos.order"] if o["id"] == self.order.id]
        self.assertEqual(order["email"], "c***@example.com")
        self.assertEqual(order["mobile"], "+86****5678")

    def test_rpc_reads_masked_with_birthday(self):
        self.authenticate("pos_user", "pos_user")
        [values] = self._call(
            "res.partner",
            "read",
            [self.customer.ids, ["phone", "email", "street", "birthdate_date"]],
        )
        self.assertEqual(
            (values["phone"], values["email"], values["street"]),
            ("138****5678", "c***@example.com", "12 Huai****"),
        )
        self.assertFalse(values["birthdate_date"])

    def test_search_by_phone_finds_the_customer(self):
        """The POS customer search (Enter) sends the typed text to
        get_new_partner, which searches the real phone numbers."""
        self.authenticate("pos_user", "pos_user")
        fields = ["name", "parent_name", "phone_mobile_search", "email", "barcode"]
        domain = ["|"] * (len(fields) - 1) + [
            [field, "ilike", f"{PHONE}%"] for field in fields
        ]
        result = self._call(
            "res.partner",
            "get_new_partner",
            [self.main_pos_config.id, domain, 0],
        )
        [values] = result["res.partner"]
        self.assertEqual(
            (values["id"], values["phone"], values["crm_tier_name"]),
            (self.customer.id, "138****5678", "Silver"),
        )

    def test_cashier_with_personal_data_reads_in_full(self):
        self.pos_user.group_ids += self.env.ref(
            "crm_customer_privacy.group_personal_data"
        )
        self.authenticate("pos_user", "pos_user")
        data = self._call(
            "pos.session",
            "load_data",
            [self.pos_session.ids, ["pos.order", "res.partner"]],
        )
        values = self._loaded_customer(data)
        self.assertEqual((values["phone"], values["email"]), (PHONE, EMAIL))

    def test_masked_email_sent_back_keeps_the_real_one(self):
        order = self.order.with_user(self.pos_user)
        order.write({"email": "c***@example.com", "mobile": "+86****5678"})
        self.assertEqual(self.order.email, EMAIL)
        self.assertEqual(self.order.mobile, "+8613812345678")

    def test_new_email_typed_at_the_till_is_kept(self):
        self.order.with_user(self.pos_user).email = "jie.chen@example.net"
        self.assertEqual(self.order.email, "jie.chen@example.net")

    def test_receipt_to_the_masked_address_reaches_the_customer(self):
        image = base64.b64encode(b"receipt").decode()
        with patch.object(MailTemplate, "send_mail", autospec=True) as send_mail:
            self.order.with_user(self.pos_user).action_send_receipt(
                "c***@example.com", image, image
            )
        self.assertEqual(send_mail.call_args.kwargs["email_values"]["email_to"], EMAIL)
        self.assertEqual(self.order.email, EMAIL)

    def test_invoice_mailed_with_the_receipt_in_clear(self):
        """The invoice the cashier mails with the receipt is the customer's
        copy: in clear, while the cashier printing it reads it masked."""
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_line_ids": [
                    Command.create({"name": "Lychees", "quantity": 1, "price_unit": 9})
                ],
            }
        )
        invoice.action_post()
        self.order.account_move = invoice
        image = base64.b64encode(b"receipt").decode()
        with patch.object(MailTemplate, "send_mail", autospec=True) as send_mail:
            self.order.with_user(self.pos_user).action_send_receipt(
                "c***@example.com", image, image
            )
        attachments = self.env["ir.attachment"].browse(
            send_mail.call_args.kwargs["email_values"]["attachment_ids"][-1][1]
        )
        # tests render reports as HTML (no wkhtmltopdf)
        self.assertIn(STREET, attachments.raw.decode())
        self.authenticate(self.pos_user.login, self.pos_user.login)
        # the read-only report route is retried with a read/write cursor when
        # account writes on the invoice it renders; Odoo logs the first query
        with mute_logger("odoo.sql_db"):
            printed = self.url_open(f"/report/html/account.report_invoice/{invoice.id}")
        self.assertEqual(printed.status_code, 200)
        self.assertNotIn(STREET, printed.text)
        self.assertIn("12 Huai****", printed.text)


@tagged("post_install", "-at_install")
class TestPosCashierMaskingTour(CashierCase):
    def test_cashier_finds_a_masked_customer_by_phone(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("crm_pos_masked_search")
