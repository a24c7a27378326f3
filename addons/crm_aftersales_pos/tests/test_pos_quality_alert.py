# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.point_of_sale.tests.common import CommonPosTest


@tagged("post_install", "-at_install")
class TestPosQualityAlert(CommonPosTest):
    """A lot under quality alert is not sold at the till."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.twenty_dollars_no_tax.product_variant_id
        cls.product.write({"is_storable": True, "tracking": "lot"})
        cls.lot = cls.env["stock.lot"].create(
            {"name": "STR-0601", "product_id": cls.product.id}
        )
        cls.cashier = new_test_user(
            cls.env,
            login="qa_cashier",
            groups="point_of_sale.group_pos_user",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )

    def _sell(self, qty=1):
        order, _refund = self.create_backend_pos_order(
            {
                "line_data": [
                    {
                        "product_id": self.product.id,
                        "qty": qty,
                        "pack_lot_ids": [Command.create({"lot_name": "STR-0601"})],
                    }
                ],
                "payment_data": [
                    {
                        "payment_method_id": self.cash_payment_method.id,
                        "amount": 20 * qty,
                    }
                ],
            }
        )
        return order

    def test_lot_under_quality_alert_is_refused(self):
        self.lot.crm_quality_alert_date = fields.Datetime.now()

        with self.assertRaises(ValidationError) as error:
            self._sell()

        self.assertIn("STR-0601", str(error.exception))
        self.assertIn("quality alert", str(error.exception))
        self.assertFalse(
            self.env["pos.order.line"].search(
                [("pack_lot_ids.lot_name", "=", "STR-0601")]
            )
        )

    def test_lot_without_alert_is_sold(self):
        order = self._sell()

        self.assertEqual(order.state, "paid")
        self.assertEqual(order.lines.pack_lot_ids.lot_name, "STR-0601")

    def test_cashier_is_told_when_choosing_the_lot(self):
        self.lot.crm_quality_alert_date = fields.Datetime.now()
        lines = self.env["pos.order.line"].with_user(self.cashier)

        message = lines.crm_quality_alert_message(
            self.env.company.id, self.product.id, ["STR-0601"]
        )

        self.assertIn("STR-0601", message)
        self.assertFalse(
            lines.crm_quality_alert_message(
                self.env.company.id, self.product.id, ["STR-0602"]
            )
        )
