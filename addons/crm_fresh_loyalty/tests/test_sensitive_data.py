# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_customer_privacy.tests.test_encryption import (
    BANK_ACCOUNT,
    PASSPORT,
    SensitiveValueCase,
)

from .common import CustomerCareCase

LOG = "crm.personal.data.access.log"


class SensitiveDataCase(CustomerCareCase, SensitiveValueCase):
    """The sensitive values of SensitiveValueCase, with care users."""


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

    def test_care_user_cannot_reveal_a_value(self):
        # sensitive values show to the Personal Data group only
        value = self.passport_value.with_user(self.care_user)
        with self.assertRaises(AccessError):
            value.action_crm_reveal_notify()
        self.assertFalse(self.env[LOG].search([("user_id", "=", self.care_user.id)]))

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
        self.assertNotIn("action_crm_reveal_notify", arch(self.care_user))

    def test_national_id_masked_for_care_user(self):
        self.customer.crm_national_id = "11010519491231002X"
        [values] = self.customer.with_user(self.care_user).read(["crm_national_id"])
        self.assertEqual(values["crm_national_id"], "**************002X")
        with self.assertRaises(AccessError):
            self.customer.with_user(self.care_user).action_crm_reveal("crm_national_id")


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
