# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import config, mute_logger

from odoo.addons.base.tests.common import BaseCommon

from ..models.crm_encryption import CrmCipher

KEY_A = base64.b64encode(bytes(range(32))).decode()
KEY_B = base64.b64encode(bytes(range(32, 64))).decode()
PASSPORT = "E12345678"
BANK_ACCOUNT = "6222021234567890123"
NATIONAL_ID = "11010519491231002X"


class SensitiveValueCase(BaseCommon):
    """Two administrator-defined sensitive attributes, and a customer with a
    value for each and a national ID (the pre-seeded attribute), under key
    A."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.startClassPatcher(
            patch.dict(
                config.options,
                {"crm_encryption_key": KEY_A, "crm_encryption_key_id": "a"},
            )
        )
        cls.officer = new_test_user(
            cls.env,
            login="sensitive_dpo",
            groups="crm_customer_privacy.group_data_protection_officer",
        )
        Attribute = cls.env["crm.sensitive.attribute"]
        cls.passport = Attribute.create({"name": "Passport Number"})
        cls.bank_account = Attribute.create({"name": "Bank Account"})
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Zhou Xun",
                "customer_rank": 1,
                "crm_sensitive_value_ids": [
                    (0, 0, {"attribute_id": cls.passport.id, "value": PASSPORT}),
                    (
                        0,
                        0,
                        {"attribute_id": cls.bank_account.id, "value": BANK_ACCOUNT},
                    ),
                ],
            }
        )
        cls.passport_value = cls.customer.crm_sensitive_value_ids.filtered(
            lambda value: value.attribute_id == cls.passport
        )
        cls.national_id = cls.env.ref(
            "crm_customer_privacy.crm_sensitive_attribute_national_id"
        )
        cls.id_holder = cls.env["res.partner"].create(
            {"name": "Li Wei", "crm_national_id": NATIONAL_ID}
        )

    def _stored(self, value):
        value.flush_recordset()
        self.env.cr.execute(
            "SELECT value_encrypted, value_hash FROM crm_sensitive_value WHERE id = %s",
            [value.id],
        )
        return self.env.cr.fetchone()

    def _stored_national_id(self, partner):
        """The ciphertext and search hash of the partner's national ID: the
        value of the pre-seeded national ID attribute."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT value_encrypted, value_hash FROM crm_sensitive_value "
            "WHERE partner_id = %s AND attribute_id = %s",
            [partner.id, self.national_id.id],
        )
        return self.env.cr.fetchone() or (None, None)


@tagged("post_install", "-at_install")
class TestEncryption(SensitiveValueCase):
    """Values stored encrypted: any sensitive attribute's (the passport) and
    the national ID, read and written through ``res.partner.crm_national_id``."""

    def test_column_holds_ciphertext_and_keyed_hash(self):
        cipher = CrmCipher(self.env, KEY_A)
        for (token, search_hash), plaintext in (
            (self._stored(self.passport_value), PASSPORT),
            (self._stored_national_id(self.id_holder), NATIONAL_ID),
        ):
            self.assertTrue(token.startswith("v1:a:"))
            self.assertNotIn(plaintext, token)
            self.assertNotIn(plaintext, search_hash)
            self.assertEqual(search_hash, cipher.search_hash(plaintext))

    def test_national_id_is_a_value_of_the_national_id_attribute(self):
        value = self.id_holder.crm_sensitive_value_ids
        self.assertEqual(value.attribute_id, self.national_id)
        self.assertEqual(value.value, NATIONAL_ID)

    def test_read_decrypts(self):
        self.env.invalidate_all()
        self.assertEqual(self.passport_value.value, PASSPORT)
        self.assertEqual(self.id_holder.crm_national_id, NATIONAL_ID)

    def test_same_value_gets_a_fresh_nonce(self):
        other = self.id_holder.create(
            {"name": "Li Wei (2)", "crm_national_id": NATIONAL_ID}
        )
        self.assertNotEqual(
            self._stored_national_id(other)[0],
            self._stored_national_id(self.id_holder)[0],
        )

    def test_value_is_stripped(self):
        self.passport_value.value = "  E7654321 "
        self.passport_value.invalidate_recordset()
        self.assertEqual(self.passport_value.value, "E7654321")

    def test_ciphertext_is_bound_to_its_attribute(self):
        token = self._stored(self.passport_value)[0]
        other = self.env["crm.sensitive.value"].search(
            [
                ("partner_id", "=", self.customer.id),
                ("attribute_id", "=", self.bank_account.id),
            ]
        )
        other.sudo().value_encrypted = token
        other.invalidate_recordset()
        with self.assertRaisesRegex(UserError, "cannot be decrypted"):
            other.read(["value"])

    def test_search_exact_value_finds_the_customer(self):
        Partner = self.env["res.partner"]
        found = Partner.search([("crm_sensitive_value_ids.value", "=", " e12345678 ")])
        self.assertEqual(found, self.customer)
        found = Partner.search([("crm_national_id", "=", " 11010519491231002x ")])
        self.assertEqual(found, self.id_holder)

    def test_search_without_national_id(self):
        found = self.env["res.partner"].search(
            [("crm_national_id", "=", False), ("id", "=", self.id_holder.id)]
        )
        self.assertFalse(found)

    def test_search_blank_finds_partners_without_national_id(self):
        other = self.id_holder.create({"name": "No ID"})
        found = self.env["res.partner"].search(
            [
                ("crm_national_id", "in", ["  ", False]),
                ("id", "in", (self.id_holder | other).ids),
            ]
        )
        self.assertEqual(found, other)

    def test_search_partial_value_refused(self):
        Partner = self.env["res.partner"]
        with self.assertRaisesRegex(UserError, "Value: sensitive values"):
            Partner.search([("crm_sensitive_value_ids.value", "ilike", "E123")])
        with self.assertRaisesRegex(UserError, "National ID Number"):
            Partner.search([("crm_national_id", "ilike", "1101")])

    def test_clear_national_id(self):
        self.id_holder.crm_national_id = False
        self.assertEqual(self._stored_national_id(self.id_holder), (None, None))
        self.assertFalse(self.id_holder.crm_sensitive_value_ids)

    def test_missing_key_is_a_clear_error_on_read(self):
        for record, fname in (
            (self.passport_value, "value"),
            (self.id_holder, "crm_national_id"),
        ):
            self.env.invalidate_all()
            with (
                patch.dict(config.options, {"crm_encryption_key": ""}),
                self.assertRaisesRegex(UserError, "crm_encryption_key"),
            ):
                record.read([fname])

    def test_missing_key_on_write_loses_nothing(self):
        token = self._stored(self.passport_value)[0]
        with (
            patch.dict(config.options, {"crm_encryption_key": ""}),
            self.assertRaisesRegex(UserError, "crm_encryption_key"),
            self.env.cr.savepoint(),
        ):
            self.passport_value.value = "G0000000"
            self.passport_value.flush_recordset()
        self.passport_value.invalidate_recordset()
        self.assertEqual(self._stored(self.passport_value)[0], token)
        self.assertEqual(self.passport_value.value, PASSPORT)

    def test_wrong_key_is_a_clear_error(self):
        for record, fname in (
            (self.passport_value, "value"),
            (self.id_holder, "crm_national_id"),
        ):
            self.env.invalidate_all()
            with (
                patch.dict(
                    config.options,
                    {"crm_encryption_key": KEY_B, "crm_encryption_key_id": "b"},
                ),
                self.assertRaisesRegex(UserError, "another key"),
            ):
                record.read([fname])

    def test_tampered_value_is_refused(self):
        value = self.id_holder.sudo().crm_sensitive_value_ids
        token = self._stored(value)[0]
        forged = CrmCipher(self.env, KEY_B, "a").encrypt(
            "X", value._crm_encryption_label("value_encrypted")
        )
        self.assertNotEqual(token, forged)
        value.value_encrypted = forged
        self.env.invalidate_all()
        with self.assertRaisesRegex(UserError, "cannot be decrypted"):
            self.id_holder.read(["crm_national_id"])

    def test_invalid_key_is_a_clear_error(self):
        with self.assertRaisesRegex(UserError, "32 random bytes"):
            CrmCipher(self.env, "c2hvcnQ=")

    def test_ciphertext_is_admin_only(self):
        user = new_test_user(
            self.env,
            login="clerk_enc",
            groups="crm_customer_privacy.group_personal_data",
        )
        fields_seen = self.env["crm.sensitive.value"].with_user(user).fields_get()
        self.assertNotIn("value_encrypted", fields_seen)
        self.assertNotIn("value_hash", fields_seen)
        self.assertIn("value", fields_seen)

    def test_blank_value_refused_and_nothing_created(self):
        Value = self.env["crm.sensitive.value"]
        other = self.env["res.partner"].create({"name": "Blank"})
        with self.assertRaisesRegex(ValidationError, "Value: enter the Passport"):
            Value.create(
                {"partner_id": other.id, "attribute_id": self.passport.id, "value": " "}
            )
        self.assertFalse(Value.search([("partner_id", "=", other.id)]))

    def test_blank_value_written_refused(self):
        with self.assertRaisesRegex(ValidationError, "Value: enter the Passport"):
            self.passport_value.value = ""
        self.assertEqual(self.passport_value.value, PASSPORT)

    @mute_logger("odoo.sql_db")
    def test_one_value_per_attribute(self):
        with self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["crm.sensitive.value"].create(
                {
                    "partner_id": self.customer.id,
                    "attribute_id": self.passport.id,
                    "value": "E000",
                }
            )
            self.env.flush_all()

    def test_attribute_of_a_value_cannot_change(self):
        third = self.env["crm.sensitive.attribute"].create({"name": "Driving Licence"})
        with self.assertRaisesRegex(UserError, "Attribute: the attribute"):
            self.passport_value.attribute_id = third
        self.assertEqual(self.passport_value.attribute_id, self.passport)

    def test_attribute_with_values_archived_not_deleted(self):
        with self.assertRaisesRegex(UserError, "archive it instead"):
            self.passport.unlink()
        self.passport.active = False
        self.assertEqual(self.passport_value.attribute_id, self.passport)

    def test_unused_attribute_deleted(self):
        unused = self.env["crm.sensitive.attribute"].create({"name": "Unused"})
        unused.unlink()
        self.assertFalse(unused.exists())

    def test_change_is_audited_as_ciphertext(self):
        self.passport_value.value = "E99999999"
        self.env.flush_all()
        lines = self.env["auditlog.log.line"].search(
            [
                ("log_id.model_model", "=", "crm.sensitive.value"),
                ("log_id.res_id", "=", self.passport_value.id),
            ]
        )
        self.assertIn("value_encrypted", lines.mapped("field_name"))
        self.assertNotIn("value", lines.mapped("field_name"))
        self.env.cr.execute(
            "SELECT count(*) FROM auditlog_log_line "
            "WHERE concat(old_value, new_value, old_value_text, new_value_text) "
            "LIKE ANY(%s)",
            [["%E99999999%", f"%{PASSPORT}%"]],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
