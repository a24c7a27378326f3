# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .test_privacy_masking import PrivacyCase

FORM_FIELDS = ("name", "phone", "email", "email_formatted", "country_id")


@tagged("post_install", "-at_install")
class TestPrivacyOnchange(PrivacyCase):
    """A masked user typing in a customer form gets back what they typed (a
    value returned masked would be saved masked), and still not the stored
    data of an existing customer."""

    def _onchange(self, record, values, changed):
        spec = {fname: {} for fname in FORM_FIELDS}
        return record.with_user(self.masked_user).onchange(values, [changed], spec)[
            "value"
        ]

    def test_new_customer_gets_the_typed_phone_formatted(self):
        changes = self._onchange(
            self.env["res.partner"],
            {
                "name": "Lin Tao",
                "phone": "13987654321",
                "country_id": self.env.ref("base.cn").id,
            },
            "phone",
        )
        self.assertEqual(changes["phone"], "+86 139 8765 4321")

    def test_existing_customer_gets_the_typed_phone(self):
        self.customer.country_id = self.env.ref("base.cn")
        changes = self._onchange(self.customer, {"phone": "13987654321"}, "phone")
        self.assertEqual(changes["phone"], "+86 139 8765 4321")

    def test_existing_customer_renamed_does_not_get_the_email(self):
        changes = self._onchange(self.customer, {"name": "Zhang Wei Jr"}, "name")
        self.assertEqual(
            changes["email_formatted"], '"Zhang Wei Jr" <z***@example.com>'
        )
