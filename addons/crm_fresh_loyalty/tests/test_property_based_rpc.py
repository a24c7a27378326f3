# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Methods the web client and other RPC clients call, driven with generated
input (hypothesis): the customer form's duplicate warning, the logged
reveal, the message provider configuration and the sensitive values."""

from unittest.mock import patch

import psycopg2
import requests
from hypothesis import given
from hypothesis import strategies as st

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import config, mute_logger

from odoo.addons.crm_customer_privacy.models.crm_sensitive_value import mask_identifier
from odoo.addons.crm_customer_privacy.tests.test_encryption import KEY_A

from .common import CustomerCareCase
from .test_property_based import FAST, NO_NUL

texts = st.text(NO_NUL, max_size=30)
LOG = "crm.personal.data.access.log"


@tagged("post_install", "-at_install")
class TestDuplicateWarningProperties(CustomerCareCase):
    FORM_FIELDS = ("name", "phone", "email", "city", "country_id")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.china = cls.env.ref("base.cn")
        cls.existing = cls.env["res.partner"].create(
            {"name": "Sun Li", "phone": "+86 138 0013 8000", "country_id": cls.china.id}
        )

    def _warning(self, values, changed):
        Partner = self.env["res.partner"].with_user(self.care_user)
        result = Partner.onchange(
            {"country_id": self.china.id, **values},
            [changed],
            {fname: {} for fname in [*self.FORM_FIELDS, "crm_duplicate_warning"]},
        )
        return result["value"].get("crm_duplicate_warning")

    @FAST
    @given(
        prefix=st.sampled_from(["", "+86", "+86 ", "0086 "]),
        separators=st.lists(
            st.sampled_from(["", " ", "-", "."]), min_size=2, max_size=2
        ),
    )
    def test_phone_in_any_format_names_the_customer(self, prefix, separators):
        phone = f"{prefix}138{separators[0]}0013{separators[1]}8000"
        warning = self._warning({"name": "New customer", "phone": phone}, "phone")
        self.assertIn("Sun Li (same phone)", warning or "")

    @FAST
    @given(name=texts, phone=texts, email=texts, city=texts)
    def test_typing_anything_writes_nothing(self, name, phone, email, city):
        Partner = self.env["res.partner"]
        count = Partner.search_count([])
        warning = self._warning(
            {"name": name, "phone": phone, "email": email, "city": city}, "phone"
        )
        self.assertEqual(Partner.search_count([]), count)
        if warning:
            self.assertTrue(warning.startswith("Possible duplicate of "))


@tagged("post_install", "-at_install")
class TestRevealProperties(CustomerCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Qian Yu",
                "phone": "13912345678",
                "email": "qian.yu@example.com",
                "street": "1 Renmin Road",
            }
        )

    @FAST
    @given(
        field_name=st.sampled_from(["phone", "email", "street"])
        | st.sampled_from(["name", "id", "user_ids", "password", ""])
        | texts
    )
    def test_reveal_returns_a_masked_field_or_refuses(self, field_name):
        Log = self.env[LOG]
        customer = self.customer.with_user(self.care_user)
        before = Log.search_count([])
        try:
            with self.env.cr.savepoint():
                value = customer.action_crm_reveal(field_name)
        except UserError as error:
            self.assertTrue(str(error).startswith("Field “"))
            self.assertEqual(Log.search_count([]), before)
            return
        self.assertEqual(value, self.customer[field_name])
        log = Log.search([], limit=1)
        self.assertEqual((log.field_names, log.access_type), (field_name, "reveal"))


@tagged("post_install", "-at_install")
class TestMessageProviderProperties(CustomerCareCase):
    urls = st.builds(
        "{}{}{}".format,
        st.sampled_from(["http://", "https://", "ftp://", "", "http:/", "HTTPS://"]),
        st.sampled_from(
            ["", "example.com", "127.0.0.1:8069", "exa mple.com", "[::1", "h:99999"]
        ),
        st.sampled_from(["", "/push", "/push?x=1", " /tail", "/\n"]),
    ) | st.text(NO_NUL, max_size=40)

    @FAST
    @given(url=urls, timeout=st.integers(min_value=-5, max_value=120))
    @mute_logger("odoo.sql_db")
    def test_provider_is_usable_or_refused(self, url, timeout):
        Provider = self.env["crm.message.provider"].with_user(self.care_manager)
        count = Provider.search_count([])
        try:
            with self.env.cr.savepoint():
                provider = Provider.create(
                    {
                        "name": "Gateway",
                        "channel": "wechat",
                        "webhook_url": url,
                        "webhook_timeout": timeout,
                    }
                )
                provider.flush_recordset()
        except ValidationError as error:
            self.assertTrue(str(error).startswith("Webhook URL:"), error)
            self.assertEqual(Provider.search_count([]), count)
            return
        except psycopg2.IntegrityError:
            self.assertLessEqual(timeout, 0)
            self.assertEqual(Provider.search_count([]), count)
            return
        self.assertGreater(timeout, 0)
        self.assertIn(url.split(":")[0].lower(), ("http", "https"))
        # the address is one requests can post to
        requests.Request("POST", provider.webhook_url).prepare()

    def test_well_formed_address_accepted(self):
        provider = self.env["crm.message.provider"].create(
            {
                "name": "Gateway",
                "channel": "app_push",
                "webhook_url": "https://push.example.com:8443/v1/send?tenant=fresh",
            }
        )
        self.assertEqual(provider.webhook_timeout, 10)


@tagged("post_install", "-at_install")
class TestSensitiveValueProperties(CustomerCareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.startClassPatcher(patch.dict(config.options, {"crm_encryption_key": KEY_A}))
        cls.attribute = cls.env["crm.sensitive.attribute"].create({"name": "Licence"})
        cls.customer = cls.env["res.partner"].create({"name": "Zhao Min"})
        cls.keeper = new_test_user(
            cls.env,
            login="property_keeper",
            groups="crm_customer_privacy.group_personal_data",
        )

    @FAST
    @given(value=st.text(NO_NUL, max_size=40))
    def test_value_round_trip_masking_and_search(self, value):
        Value = self.env["crm.sensitive.value"].with_user(self.keeper)
        try:
            with self.env.cr.savepoint():
                record = Value.create(
                    {
                        "partner_id": self.customer.id,
                        "attribute_id": self.attribute.id,
                        "value": value,
                    }
                )
        except ValidationError as error:
            self.assertTrue(str(error).startswith("Value: "))
            self.assertFalse(value.strip())
            self.assertFalse(self.customer.crm_sensitive_value_ids)
            return
        record.invalidate_recordset()
        self.assertEqual(record.value, value.strip())
        masked = record.with_user(self.care_user).value
        self.assertEqual(masked, mask_identifier(value.strip()))
        self.assertEqual(len(masked), len(value.strip()))
        found = self.env["res.partner"].search(
            [("crm_sensitive_value_ids.value", "=", value)]
        )
        self.assertIn(self.customer, found)
        record.unlink()
