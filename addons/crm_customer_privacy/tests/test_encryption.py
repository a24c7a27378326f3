# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import config

from odoo.addons.base.tests.common import BaseCommon

from ..models.crm_encryption import CrmCipher

KEY_A = base64.b64encode(bytes(range(32))).decode()
KEY_B = base64.b64encode(bytes(range(32, 64))).decode()


@tagged("post_install", "-at_install")
class TestEncryption(BaseCommon):
    """The national ID, a sensitive value of the pre-seeded attribute, read
    and written through the partner's ``crm_national_id``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.national_id = cls.env.ref(
            "crm_customer_privacy.crm_sensitive_attribute_national_id"
        )
        cls.startClassPatcher(
            patch.dict(
                config.options,
                {"crm_encryption_key": KEY_A, "crm_encryption_key_id": "a"},
            )
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "Li Wei", "crm_national_id": "11010519491231002X"}
        )

    def _stored(self, partner):
        """The ciphertext and search hash of the partner's national ID: the
        value of the pre-seeded national ID sensitive attribute."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT value_encrypted, value_hash FROM crm_sensitive_value "
            "WHERE partner_id = %s AND attribute_id = %s",
            [partner.id, self.national_id.id],
        )
        return self.env.cr.fetchone() or (None, None)

    def test_column_holds_ciphertext(self):
        token, search_hash = self._stored(self.partner)
        self.assertTrue(token.startswith("v1:a:"))
        self.assertNotIn("11010519491231002X", token)
        self.assertNotIn("11010519491231002X", search_hash)

    def test_read_decrypts(self):
        self.partner.invalidate_recordset()
        self.assertEqual(self.partner.crm_national_id, "11010519491231002X")

    def test_same_value_gets_a_fresh_nonce(self):
        other = self.partner.create(
            {"name": "Li Wei (2)", "crm_national_id": "11010519491231002X"}
        )
        self.assertNotEqual(self._stored(other)[0], self._stored(self.partner)[0])

    def test_search_exact_value(self):
        found = self.env["res.partner"].search(
            [("crm_national_id", "=", " 11010519491231002x ")]
        )
        self.assertEqual(found, self.partner)

    def test_search_without_national_id(self):
        found = self.env["res.partner"].search(
            [("crm_national_id", "=", False), ("id", "=", self.partner.id)]
        )
        self.assertFalse(found)

    def test_search_blank_finds_partners_without_national_id(self):
        other = self.partner.create({"name": "No ID"})
        found = self.env["res.partner"].search(
            [
                ("crm_national_id", "in", ["  ", False]),
                ("id", "in", (self.partner | other).ids),
            ]
        )
        self.assertEqual(found, other)

    def test_search_partial_refused(self):
        with self.assertRaisesRegex(UserError, "National ID Number"):
            self.env["res.partner"].search([("crm_national_id", "ilike", "1101")])

    def test_clear_value(self):
        self.partner.crm_national_id = False
        self.assertEqual(self._stored(self.partner), (None, None))

    def test_missing_key_is_a_clear_error(self):
        self.partner.invalidate_recordset()
        with (
            patch.dict(config.options, {"crm_encryption_key": ""}),
            self.assertRaisesRegex(UserError, "crm_encryption_key"),
        ):
            self.partner.read(["crm_national_id"])

    def test_wrong_key_is_a_clear_error(self):
        self.partner.invalidate_recordset()
        with (
            patch.dict(
                config.options,
                {"crm_encryption_key": KEY_B, "crm_encryption_key_id": ""},
            ),
            self.assertRaisesRegex(UserError, "another key"),
        ):
            self.partner.read(["crm_national_id"])

    def test_tampered_value_is_refused(self):
        token = self._stored(self.partner)[0]
        value = self.partner.sudo().crm_sensitive_value_ids
        forged = CrmCipher(self.env, KEY_B, "a").encrypt(
            "X", value._crm_encryption_label("value_encrypted")
        )
        self.assertNotEqual(token, forged)
        value.value_encrypted = forged
        self.partner.invalidate_recordset()
        with self.assertRaisesRegex(UserError, "cannot be decrypted"):
            self.partner.read(["crm_national_id"])

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

    def test_national_id_is_a_sensitive_value(self):
        self.assertEqual(
            self.partner.crm_sensitive_value_ids.attribute_id, self.national_id
        )
        self.assertEqual(
            self.partner.crm_sensitive_value_ids.value, "11010519491231002X"
        )


@tagged("post_install", "-at_install")
class TestRekey(BaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.startClassPatcher(
            patch.dict(
                config.options,
                {"crm_encryption_key": KEY_A, "crm_encryption_key_id": "a"},
            )
        )
        cls.partners = cls.env["res.partner"].create(
            [
                {"name": f"Member {i}", "crm_national_id": f"ID-{i:04d}"}
                for i in range(5)
            ]
        )
        cls.old = CrmCipher(cls.env, KEY_A, "a")
        cls.new = CrmCipher(cls.env, KEY_B, "b")

    def _values_under(self, key, key_id):
        self.partners.invalidate_recordset()
        with patch.dict(
            config.options,
            {"crm_encryption_key": key, "crm_encryption_key_id": key_id},
        ):
            return self.partners.mapped("crm_national_id")

    def _rekey(self, old, new, batch_size=2):
        Value = self.env["crm.sensitive.value"]
        Value._crm_check_reencryption(old, new)
        batches = 0
        while Value._crm_reencrypt(old, new, batch_size=batch_size):
            batches += 1
        return batches + 1

    def test_rekey_moves_every_value(self):
        self.assertEqual(self._rekey(self.old, self.new), 3)
        expected = [f"ID-{i:04d}" for i in range(5)]
        self.assertEqual(self._values_under(KEY_B, "b"), expected)

    def test_rekey_keeps_search(self):
        self._rekey(self.old, self.new)
        with patch.dict(
            config.options,
            {"crm_encryption_key": KEY_B, "crm_encryption_key_id": "b"},
        ):
            found = self.env["res.partner"].search(
                [("crm_national_id", "=", "ID-0003")]
            )
        self.assertEqual(found, self.partners[3])

    def test_rekey_is_idempotent(self):
        self._rekey(self.old, self.new)
        values_sudo = self.partners.sudo().crm_sensitive_value_ids
        tokens = values_sudo.mapped("value_encrypted")
        self.assertEqual(
            self.env["crm.sensitive.value"]._crm_check_reencryption(self.old, self.new),
            0,
        )
        self._rekey(self.old, self.new)
        self.assertEqual(values_sudo.mapped("value_encrypted"), tokens)

    def test_resumes_after_interruption(self):
        Value = self.env["crm.sensitive.value"]
        Value._crm_reencrypt(self.old, self.new, batch_size=2)
        self.assertEqual(Value._crm_check_reencryption(self.old, self.new), 3)
        self._rekey(self.old, self.new)
        self.assertEqual(self._values_under(KEY_B, "b")[0], "ID-0000")

    def test_wrong_old_key_loses_nothing(self):
        wrong = CrmCipher(self.env, KEY_B, "a")
        values_sudo = self.partners.sudo().crm_sensitive_value_ids
        tokens = values_sudo.mapped("value_encrypted")
        with self.assertRaisesRegex(UserError, "cannot be decrypted"):
            self._rekey(wrong, CrmCipher(self.env, KEY_A, "c"))
        values_sudo.invalidate_recordset()
        self.assertEqual(values_sudo.mapped("value_encrypted"), tokens)
        self.assertEqual(self._values_under(KEY_A, "a")[4], "ID-0004")
