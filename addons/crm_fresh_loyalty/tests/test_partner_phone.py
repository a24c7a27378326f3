# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

PHONE_FORMATS = ("180 4365 6607", "18043656607", "+86 180-4365-6607")


@tagged("post_install", "-at_install")
class TestPartnerPhone(HttpCase):
    """Phone first: the hotline finds a customer by the phone number the
    caller gives, typed in any format, over JSON-RPC as the web client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env,
            login="phone_care",
            groups="crm_fresh_loyalty.group_customer_care_user",
        )
        china = cls.env.ref("base.cn")
        cls.xinyi, cls.namesake = cls.env["res.partner"].create(
            [
                {
                    "name": "欧阳晓岚",
                    "phone": "+86 180 4365 6607",
                    "city": "杭州",
                    "country_id": china.id,
                },
                {
                    "name": "欧阳晓岚",
                    "phone": "+86 139 1111 2222",
                    "city": "杭州",
                    "country_id": china.id,
                },
            ]
        )

    def _call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def test_customer_search_finds_phone_in_any_format(self):
        self.authenticate("phone_care", "phone_care")
        views = self._call_kw(
            "res.partner", "get_views", [[[False, "search"]]], {"options": {}}
        )
        arch = etree.fromstring(views["views"]["search"]["arch"])
        # the field a text typed in the search box and Enter search
        [name_field] = arch.xpath("//field[@name='name']")
        for typed in PHONE_FORMATS:
            with self.subTest(typed=typed):
                domain = safe_eval(name_field.get("filter_domain"), {"self": typed})
                found = self._call_kw("res.partner", "search", [domain])
                self.assertEqual(found, self.xinyi.ids)
        by_name = safe_eval(name_field.get("filter_domain"), {"self": "欧阳晓岚"})
        self.assertEqual(
            set(self._call_kw("res.partner", "search", [by_name])),
            set((self.xinyi | self.namesake).ids),
        )

    def test_customer_fields_find_by_phone(self):
        """The customer fields of a complaint, a return and an order."""
        self.authenticate("phone_care", "phone_care")
        for typed in PHONE_FORMATS:
            with self.subTest(typed=typed):
                found = self._call_kw(
                    "res.partner", "name_search", [], {"name": typed, "limit": 8}
                )
                self.assertEqual([pid for pid, _name in found], self.xinyi.ids)

    def test_customer_created_from_a_phone_gets_it_as_phone(self):
        """ "Create and edit" from the complaint's contact field, after typing a
        phone number nobody has."""
        self.authenticate("phone_care", "phone_care")
        defaults = self._call_kw(
            "res.partner",
            "default_get",
            [["name", "phone"]],
            {"context": {"default_name": "180 4301 6607"}},
        )
        self.assertEqual(defaults, {"phone": "180 4301 6607"})

    def test_phone_with_letters_refused(self):
        with self.assertRaisesRegex(ValidationError, "is not a phone number"):
            self.env["res.partner"].create({"name": "Li Lei", "phone": "180 abc 6607"})
        with (
            mute_logger("odoo.http"),
            self.assertRaisesRegex(Exception, "ValidationError"),
        ):
            self.authenticate("phone_care", "phone_care")
            self._call_kw(
                "res.partner", "write", [self.xinyi.ids, {"phone": "1804365660O"}]
            )
        self.assertEqual(self.xinyi.phone, "+86 180 4365 6607")

    def test_duplicate_banner_tells_namesakes_apart(self):
        self.authenticate("phone_care", "phone_care")
        view = self.env.ref("base.view_partner_form")
        arch = etree.fromstring(
            self._call_kw("res.partner", "get_views", [[[view.id, "form"]]])["views"][
                "form"
            ]["arch"]
        )
        [banner] = arch.xpath("//div[@name='crm_duplicate_warning']")
        columns = banner.xpath(".//field[@name='crm_duplicate_ids']/list/field/@name")
        self.assertIn("phone", columns)
        [record] = self._call_kw(
            "res.partner",
            "web_read",
            [self.xinyi.ids],
            {
                "specification": {
                    "crm_duplicate_ids": {
                        "fields": {field: {} for field in ("display_name", "phone")}
                    }
                }
            },
        )
        # the namesake, with the phone that differs (masked for care users)
        self.assertEqual(
            record["crm_duplicate_ids"],
            [
                {
                    "id": self.namesake.id,
                    "display_name": "欧阳晓岚",
                    "phone": "+86****2222",
                }
            ],
        )
