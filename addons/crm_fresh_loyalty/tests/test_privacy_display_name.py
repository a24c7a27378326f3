# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

EMAIL = "wang.fang@example.com"
STREET = "88 Nanjing East Road"


@tagged("post_install", "-at_install")
class TestPrivacyDisplayName(HttpCase):
    """Names displayed with the email or the address reach a care user
    without the Personal Data group masked, over JSON-RPC, whichever way the
    web client asks for them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env,
            login="care_names",
            groups="crm_fresh_loyalty.group_customer_care_user",
        )
        new_test_user(
            cls.env,
            login="care_names_full",
            groups="crm_customer_privacy.group_personal_data",
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Wang Fang",
                "email": EMAIL,
                "phone": "13812345678",
                "street": STREET,
                "street2": "Building 3",
                "city": "Shanghai",
            }
        )
        program = cls.env["loyalty.program"].create(
            {
                "name": "Names Club",
                "program_type": "loyalty",
                "rule_ids": [Command.create({"reward_point_amount": 1})],
            }
        )
        cls.card = cls.env["loyalty.card"].create(
            {"program_id": program.id, "partner_id": cls.customer.id}
        )

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def assertMasked(self, text):
        self.assertNotIn(EMAIL, text)
        self.assertNotIn("Nanjing East Road", text)
        self.assertNotIn("Building 3", text)

    def test_display_name_with_email_and_address(self):
        self.authenticate("care_names", "care_namesx")
        result = self._call(
            "res.partner",
            "web_search_read",
            [[("id", "=", self.customer.id)]],
            {
                "specification": {"display_name": {}},
                "context": {"show_email": True, "show_address": True},
            },
        )
        name = result["records"][0]["display_name"]
        self.assertMasked(name)
        self.assertIn("Wang Fang <w***@example.com>", name)
        self.assertIn("88 Nan****", name)
        self.assertIn("Shanghai", name)

    def test_name_search_with_email(self):
        self.authenticate("care_names", "care_namesx")
        [(partner_id, name)] = self._call(
            "res.partner",
            "name_search",
            [],
            {
                "name": "Wang Fang",
                "domain": [("id", "=", self.customer.id)],
                "context": {"show_email": True},
            },
        )
        self.assertEqual(
            (partner_id, name), (self.customer.id, "Wang Fang <w***@example.com>")
        )

    def test_autocomplete_formatted_name(self):
        self.authenticate("care_names", "care_namesx")
        [values] = self._call(
            "res.partner",
            "web_name_search",
            [],
            {
                "name": "Wang Fang",
                "specification": {"display_name": {}},
                "domain": [("id", "=", self.customer.id)],
                "context": {"show_email": True},
            },
        )
        self.assertMasked(values["display_name"])
        self.assertMasked(values["__formatted_display_name"])
        self.assertIn("w***@example.com", values["__formatted_display_name"])

    def test_many2one_named_with_the_address(self):
        self.authenticate("care_names", "care_namesx")
        [values] = self._call(
            "loyalty.card",
            "web_read",
            [self.card.ids],
            {
                "specification": {
                    "partner_id": {
                        "fields": {"display_name": {}},
                        "context": {"show_address": 1},
                    }
                }
            },
        )
        self.assertMasked(values["partner_id"]["display_name"])
        self.assertIn("88 Nan****", values["partner_id"]["display_name"])

    def test_many2one_of_a_classic_read_named_with_the_email(self):
        self.authenticate("care_names", "care_namesx")
        [values] = self._call(
            "loyalty.card",
            "read",
            [self.card.ids, ["partner_id"]],
            {"context": {"show_email": True}},
        )
        self.assertEqual(
            values["partner_id"],
            [self.customer.id, "Wang Fang <w***@example.com>"],
        )

    def test_email_formatted(self):
        self.authenticate("care_names", "care_namesx")
        [values] = self._call(
            "res.partner",
            "web_read",
            [self.customer.ids],
            {"specification": {"email_formatted": {}}},
        )
        self.assertEqual(values["email_formatted"], '"Wang Fang" <w***@example.com>')

    def test_avatar_card(self):
        self.authenticate("care_names", "care_namesx")
        result = self.make_jsonrpc_request(
            "/mail/data",
            {
                "fetch_params": [
                    ["avatar_card", {"id": self.customer.id, "model": "res.partner"}]
                ]
            },
        )
        [card] = [p for p in result["res.partner"] if p["id"] == self.customer.id]
        self.assertEqual(
            (card["email"], card["phone"]), ("w***@example.com", "138****5678")
        )

    def test_personal_data_user_reads_full_names(self):
        self.authenticate("care_names_full", "care_names_fullx")
        [(_partner_id, name)] = self._call(
            "res.partner",
            "name_search",
            [],
            {
                "name": "Wang Fang",
                "domain": [("id", "=", self.customer.id)],
                "context": {"show_email": True},
            },
        )
        self.assertEqual(name, f"Wang Fang <{EMAIL}>")

    def test_printed_documents_keep_the_address(self):
        """Business code in sudo (the address block of printed documents)
        reads the full name."""
        user = self.env["res.users"].search([("login", "=", "care_names")])
        customer = self.customer.with_user(user).sudo().with_context(show_address=1)
        self.assertIn(STREET, customer.display_name)
