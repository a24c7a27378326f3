# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
import json
from unittest.mock import patch

from openpyxl import load_workbook

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import SQL, config

from odoo.addons.crm_customer_privacy.tests.test_encryption import KEY_A

from .common import MembershipCase

NAME = "Zhang Wuji Erasable"
PHONE = "+8613800138765"
EMAIL = "zhang.wuji.erasable@example.com"
NATIONAL_ID = "44030119900101777X"


@tagged("post_install", "-at_install")
class TestPersonalData(MembershipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.startClassPatcher(patch.dict(config.options, {"crm_encryption_key": KEY_A}))
        cls.customer = cls.env["res.partner"].create(
            {
                "name": NAME,
                "phone": PHONE,
                "email": EMAIL,
                "street": "88 Nanjing Road",
                "city": "Shanghai",
                "birthdate_date": "1990-01-01",
                "crm_gender": "male",
                "crm_national_id": NATIONAL_ID,
                "customer_rank": 1,
            }
        )
        cls.customer_card = cls.env["loyalty.card"].create(
            {"program_id": cls.program.id, "partner_id": cls.customer.id}
        )
        cls.order = cls._sell(cls, cls.customer, 120)
        cls.customer_card._crm_adjust_points(30, "Welcome gift")
        tracked = cls.customer.with_context(tracking_disable=False)
        tracked.write({"phone": PHONE, "email": EMAIL})
        tracked.message_post(body=f"Called {NAME} on {PHONE}, mail {EMAIL}")
        cls.env["ir.attachment"].create(
            {
                "name": "id-card.txt",
                "raw": f"{NAME} {NATIONAL_ID}".encode(),
                "res_model": "res.partner",
                "res_id": cls.customer.id,
            }
        )

    def _export(self, file_format):
        wizard = (
            self.env["crm.partner.data.export"]
            .with_user(self.care_manager)
            .create({"partner_id": self.customer.id, "file_format": file_format})
        )
        wizard.action_export()
        return base64.b64decode(wizard.data)

    def _erase(self):
        self.customer.with_user(self.care_manager).action_crm_erase_personal_data()
        self.env.flush_all()

    def _columns_holding(self, value):
        """(table, column) of every text column of the database holding value."""
        self.env.cr.execute(
            """
            SELECT c.table_name, c.column_name
              FROM information_schema.columns c
              JOIN information_schema.tables t
                ON t.table_schema = c.table_schema AND t.table_name = c.table_name
             WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
               AND c.data_type IN ('text', 'character varying', 'jsonb')
            """
        )
        found = []
        for table, column in self.env.cr.fetchall():
            self.env.cr.execute(
                SQL(
                    "SELECT 1 FROM %s WHERE %s::text ILIKE %s LIMIT 1",
                    SQL.identifier(table),
                    SQL.identifier(column),
                    f"%{value}%",
                )
            )
            if self.env.cr.fetchone():
                found.append(f"{table}.{column}")
        return found

    def test_export_json_holds_every_section(self):
        data = json.loads(self._export("json"))
        sections = data["sections"]
        self.assertEqual(sections["Profile"][0]["Phone"], PHONE)
        self.assertEqual(sections["Profile"][0]["National ID Number"], NATIONAL_ID)
        self.assertEqual(
            [o["Order Reference"] for o in sections["Orders"]], [self.order.name]
        )
        ledger = self.env["loyalty.history"].search(
            [("card_id.partner_id", "=", self.customer.id)]
        )
        self.assertIn(30.0, ledger.mapped("issued"))
        self.assertEqual(
            sorted(line["Issued"] for line in sections["Points ledger"]),
            sorted(ledger.mapped("issued")),
        )

    def test_export_xlsx_has_one_sheet_per_section(self):
        workbook = load_workbook(io.BytesIO(self._export("xlsx")))
        # the suite's other addons add their own sections after these
        self.assertEqual(
            workbook.sheetnames[:5],
            ["Profile", "Orders", "Points ledger", "Tier history", "Interactions"],
        )
        self.assertIn(EMAIL, [cell.value for cell in workbook["Profile"][2]])

    def test_export_refused_to_care_user(self):
        wizard = (
            self.env["crm.partner.data.export"]
            .with_user(self.care_manager)
            .create({"partner_id": self.customer.id})
        )
        with self.assertRaisesRegex(UserError, "Customer Care managers"):
            wizard.with_user(self.care_user).action_export()

    def test_erasure_anonymises_the_profile(self):
        self._erase()
        self.assertEqual(self.customer.name, f"Anonymized customer #{self.customer.id}")
        self.assertFalse(self.customer.phone)
        self.assertFalse(self.customer.birthdate_date)
        self.assertFalse(self.customer.crm_gender)
        self.assertFalse(self.customer.crm_national_id)

    def test_erasure_keeps_orders_and_ledger(self):
        ledger = self.customer_card.history_ids
        self._erase()
        self.assertEqual(self.order.partner_id, self.customer)
        self.assertEqual(self.customer_card.history_ids, ledger)
        self.assertEqual(self.customer_card.points, 150)

    def test_erasure_leaves_no_personal_value_in_the_database(self):
        self._erase()
        for value in (NAME, PHONE, EMAIL, NATIONAL_ID, "Nanjing Road"):
            self.assertEqual(self._columns_holding(value), [], value)

    def test_erasure_refused_for_a_company_contact(self):
        with self.assertRaisesRegex(UserError, "cannot be anonymised"):
            self.env.company.partner_id.with_user(
                self.care_manager
            ).action_crm_erase_personal_data()

    def test_erasure_refused_to_care_user(self):
        with self.assertRaisesRegex(UserError, "Customer Care managers"):
            self.customer.with_user(self.care_user).action_crm_erase_personal_data()
        self.assertEqual(self.customer.name, NAME)
