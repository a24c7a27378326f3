# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import config, mute_logger

from odoo.addons.crm_customer_privacy.models.crm_encryption import CrmCipher
from odoo.addons.crm_customer_privacy.tests.test_encryption import KEY_A, KEY_B

from .common import CustomerCareCase

PASSPORT = "E12345678"
BANK_ACCOUNT = "6222021234567890123"
LOG = "crm.personal.data.access.log"


class SensitiveDataCase(CustomerCareCase):
    """Two administrator-defined sensitive attributes, and a customer with a
    value for each, under key A."""

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

    def _stored(self, value):
        value.flush_recordset()
        self.env.cr.execute(
            "SELECT value_encrypted, value_hash FROM crm_sensitive_value WHERE id = %s",
            [value.id],
        )
        return self.env.cr.fetchone()


@tagged("post_install", "-at_install")
class TestSensitiveValueStorage(SensitiveDataCase):
    def test_column_holds_ciphertext_and_keyed_hash(self):
        token, search_hash = self._stored(self.passport_value)
        self.assertTrue(token.startswith("v1:a:"))
        self.assertNotIn(PASSPORT, token)
        self.assertEqual(search_hash, CrmCipher(self.env, KEY_A).search_hash(PASSPORT))

    def test_read_decrypts(self):
        self.passport_value.invalidate_recordset()
        self.assertEqual(self.passport_value.value, PASSPORT)

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
        found = self.env["res.partner"].search(
            [("crm_sensitive_value_ids.value", "=", " e12345678 ")]
        )
        self.assertEqual(found, self.customer)

    def test_search_partial_value_refused(self):
        with self.assertRaisesRegex(UserError, "Value: sensitive values"):
            self.env["res.partner"].search(
                [("crm_sensitive_value_ids.value", "ilike", "E123")]
            )

    def test_missing_key_is_a_clear_error_on_read(self):
        self.passport_value.invalidate_recordset()
        with (
            patch.dict(config.options, {"crm_encryption_key": ""}),
            self.assertRaisesRegex(UserError, "crm_encryption_key"),
        ):
            self.passport_value.read(["value"])

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
        self.passport_value.invalidate_recordset()
        with (
            patch.dict(
                config.options,
                {"crm_encryption_key": KEY_B, "crm_encryption_key_id": "b"},
            ),
            self.assertRaisesRegex(UserError, "another key"),
        ):
            self.passport_value.read(["value"])

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


@tagged("post_install", "-at_install")
class TestSensitiveValueAccess(SensitiveDataCase):
    def _value_spec(self):
        return {
            "crm_sensitive_value_ids": {
                "fields": {
                    "attribute_id": {"fields": {"display_name": {}}},
                    "value": {},
                }
            }
        }

    def test_personal_data_user_reads_in_full_and_is_logged(self):
        [values] = self.customer.with_user(self.care_manager).web_read(
            self._value_spec()
        )
        self.assertEqual(
            sorted(line["value"] for line in values["crm_sensitive_value_ids"]),
            sorted([PASSPORT, BANK_ACCOUNT]),
        )
        log = self.env[LOG].search([("user_id", "=", self.care_manager.id)])
        self.assertEqual(
            (log.partner_id, log.access_type, log.field_names),
            (self.customer, "read", "Bank Account,Passport Number"),
        )

    def test_care_user_reads_masked_everywhere(self):
        self.care_user.group_ids += self.env.ref("base.group_allow_export")
        Value = self.env["crm.sensitive.value"].with_user(self.care_user)
        [values] = self.customer.with_user(self.care_user).web_read(self._value_spec())
        [read] = Value.browse(self.passport_value.id).read(["value"])
        rows = Value.browse(self.passport_value.id).export_data(["value"])["datas"]
        self.assertEqual(
            sorted(line["value"] for line in values["crm_sensitive_value_ids"]),
            sorted(["*********", "*" * 15 + "0123"]),
        )
        self.assertEqual((read["value"], rows), ("*********", [["*********"]]))
        self.assertEqual(Value.browse(self.passport_value.id).value, "*********")
        self.assertFalse(self.env[LOG].search([("user_id", "=", self.care_user.id)]))

    def test_care_user_reveals_a_value_logged(self):
        value = self.passport_value.with_user(self.care_user)
        action = value.action_crm_reveal_notify()
        self.assertEqual(action["params"]["message"], PASSPORT)
        log = self.env[LOG].search([("user_id", "=", self.care_user.id)])
        self.assertEqual(
            (log.partner_id, log.access_type, log.field_names),
            (self.customer, "reveal", "Passport Number"),
        )

    def test_care_user_cannot_write_values(self):
        with self.assertRaises(AccessError):
            self.passport_value.with_user(self.care_user).value = "X1"
        with self.assertRaises(AccessError):
            self.env["crm.sensitive.value"].with_user(self.care_user).create(
                {
                    "partner_id": self.customer.id,
                    "attribute_id": self.bank_account.id,
                    "value": "1",
                }
            )

    def test_personal_data_user_keeps_values(self):
        keeper = new_test_user(
            self.env,
            login="sensitive_keeper",
            groups="crm_customer_privacy.group_personal_data",
        )
        self.customer.with_user(keeper).write(
            {"crm_sensitive_value_ids": [(1, self.passport_value.id, {"value": "P1"})]}
        )
        self.assertEqual(self.passport_value.value, "P1")

    def test_attributes_configured_by_managers_and_officers_only(self):
        Attribute = self.env["crm.sensitive.attribute"]
        with self.assertRaises(AccessError):
            Attribute.with_user(self.care_user).create({"name": "Tax Number"})
        for user in (self.care_manager, self.officer):
            attribute = Attribute.with_user(user).create({"name": f"Tax {user.login}"})
            self.assertEqual(attribute.create_uid, user)

    def test_officer_sees_the_configuration_menu(self):
        menus = self._visible_menus(
            self.officer, "crm_fresh_loyalty.menu_configuration"
        )
        self.assertIn(
            self.env.ref("crm_fresh_loyalty.crm_sensitive_attribute_menu"), menus
        )
        self.assertNotIn(
            self.env.ref("crm_fresh_loyalty.crm_membership_tier_menu"), menus
        )

    def test_list_lets_personal_data_users_edit(self):
        action = self.customer.with_user(
            self.care_user
        ).action_crm_open_sensitive_data()
        Value = self.env["crm.sensitive.value"].with_context(**action["context"])

        def arch(user):
            views = Value.with_user(user).get_views([(False, "list")])
            return views["views"]["list"]["arch"]

        self.assertEqual(
            Value.with_user(self.care_user).search(action["domain"]),
            self.customer.crm_sensitive_value_ids,
        )
        self.assertNotIn('create="False"', arch(self.care_manager))
        self.assertNotIn("action_crm_reveal_notify", arch(self.care_manager))
        self.assertIn('create="False"', arch(self.care_user))
        self.assertIn('edit="False"', arch(self.care_user))
        self.assertIn("action_crm_reveal_notify", arch(self.care_user))

    def test_national_id_masked_for_care_user(self):
        self.customer.crm_national_id = "11010519491231002X"
        [values] = self.customer.with_user(self.care_user).read(["crm_national_id"])
        self.assertEqual(values["crm_national_id"], "**************002X")
        revealed = self.customer.with_user(self.care_user).action_crm_reveal(
            "crm_national_id"
        )
        self.assertEqual(revealed, "11010519491231002X")


@tagged("post_install", "-at_install")
class TestSensitiveValueLifecycle(SensitiveDataCase):
    def test_export_of_personal_data_holds_the_values(self):
        wizard = (
            self.env["crm.partner.data.export"]
            .with_user(self.care_manager)
            .create({"partner_id": self.customer.id, "file_format": "json"})
        )
        wizard.action_export()
        sections = json.loads(base64.b64decode(wizard.data))["sections"]
        self.assertEqual(
            sorted(
                (row["Attribute"], row["Value"]) for row in sections["Sensitive data"]
            ),
            [("Bank Account", BANK_ACCOUNT), ("Passport Number", PASSPORT)],
        )

    def test_erasure_deletes_values_and_their_logs(self):
        value_ids = self.customer.crm_sensitive_value_ids.ids
        self.customer.with_user(self.care_manager).action_crm_erase_personal_data()
        self.env.flush_all()
        self.assertFalse(self.env["crm.sensitive.value"].browse(value_ids).exists())
        self.assertFalse(
            self.env["auditlog.log"].search(
                [
                    ("model_model", "=", "crm.sensitive.value"),
                    ("res_id", "in", value_ids),
                ]
            )
        )

    def test_merge_keeps_the_kept_customer_values_and_adds_the_others(self):
        kept = self.env["res.partner"].create(
            {
                "name": "Zhou Xun (2)",
                "crm_sensitive_value_ids": [
                    (0, 0, {"attribute_id": self.passport.id, "value": "E00000001"})
                ],
            }
        )
        self.env["base.partner.merge.automatic.wizard"].create(
            {
                "partner_ids": [(6, 0, (kept | self.customer).ids)],
                "dst_partner_id": kept.id,
            }
        ).action_merge()
        self.assertEqual(
            sorted(kept.crm_sensitive_value_ids.mapped("value")),
            sorted([BANK_ACCOUNT, "E00000001"]),
        )
