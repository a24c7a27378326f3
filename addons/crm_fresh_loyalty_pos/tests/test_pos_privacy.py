# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.crm_fresh_loyalty.tests.common import points_program_values
from odoo.addons.crm_fresh_loyalty.tests.test_privacy_access_matrix import (
    AccessMatrixCase,
)


@tagged("post_install", "-at_install")
class TestPosPrivacy(AccessMatrixCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cashier = new_test_user(
            cls.env,
            login="pos_cashier",
            groups="base.group_user,point_of_sale.group_pos_user",
        )
        program = cls.env["loyalty.program"].create(points_program_values("Till Club"))
        cls.silver = cls.env["crm.membership.tier"].create(
            {"name": "Silver", "program_id": program.id, "qualify_spend": 100}
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Chen Jie",
                "phone": "13812345678",
                "email": "chen.jie@example.com",
                "street": "12 Huaihai Middle Road",
            }
        )
        cls.env["loyalty.card"].create(
            {
                "program_id": program.id,
                "partner_id": cls.customer.id,
                "crm_tier_id": cls.silver.id,
            }
        )._crm_adjust_points(120, "Welcome points")
        cls.config = cls.env["pos.config"].create({"name": "Fresh Till"})

    def _load_as(self, user):
        partners = self.env["res.partner"].with_user(user)
        [values] = partners._load_pos_data_read(
            partners.browse(self.customer.id), self.config
        )
        return values

    def test_access_matrix_pos_user(self):
        self.assertRoleAccess("pos_user", self.cashier)

    def test_cashier_loads_tier_and_points(self):
        values = self._load_as(self.cashier)
        self.assertEqual(
            (values["crm_tier_name"], values["crm_points"]), ("Silver", 120)
        )
        # A cashier outside Customer Care gets the contact details masked too.
        self.assertEqual(values["phone"], "138****5678")

    def test_cashier_in_customer_care_loads_masked_data(self):
        self.cashier.group_ids += self.env.ref(
            "crm_fresh_loyalty.group_customer_care_user"
        )
        values = self._load_as(self.cashier)
        self.assertEqual(values["crm_tier_name"], "Silver")
        self.assertEqual(values["phone"], "138****5678")
        self.assertEqual(values["email"], "c***@example.com")
        self.assertNotIn("Huaihai Middle Road", values["pos_contact_address"])
