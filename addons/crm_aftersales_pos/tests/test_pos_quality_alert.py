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
        cls.manager = new_test_user(
            cls.env,
            login="qa_pos_manager",
            name="Shop Manager Li",
            email="li.manager@example.com",
            groups="point_of_sale.group_pos_manager",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )

    def _sell(self, qty=1, user=None, reason=False):
        order, _refund = self.create_backend_pos_order(
            {
                "order_data": {"user_id": (user or self.env.user).id},
                "line_data": [
                    {
                        "product_id": self.product.id,
                        "qty": qty,
                        "pack_lot_ids": [
                            Command.create(
                                {
                                    "lot_name": "STR-0601",
                                    "crm_quality_override_reason": reason,
                                }
                            )
                        ],
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

        alert = lines.crm_quality_alert_message(
            self.env.company.id, self.product.id, ["STR-0601", "STR-0602"]
        )

        self.assertIn("STR-0601", alert["message"])
        self.assertEqual(alert["lot_names"], ["STR-0601"])
        self.assertFalse(
            lines.crm_quality_alert_message(
                self.env.company.id, self.product.id, ["STR-0602"]
            )
        )

    def test_manager_sells_the_lot_with_a_reason(self):
        self.lot.crm_quality_alert_date = fields.Datetime.now()

        order = self._sell(
            user=self.manager, reason="Checked again: only the top layer was soft"
        )

        self.assertEqual(order.state, "paid")
        self.assertEqual(
            order.lines.pack_lot_ids.crm_quality_override_reason,
            "Checked again: only the top layer was soft",
        )
        note = self.lot.message_ids[0]
        self.assertIn(order.name, note.body)
        self.assertIn("Shop Manager Li", note.body)
        self.assertIn("Checked again: only the top layer was soft", note.body)

    def test_cashier_reason_does_not_override(self):
        self.lot.crm_quality_alert_date = fields.Datetime.now()

        with self.assertRaises(ValidationError):
            self._sell(user=self.cashier, reason="The customer insists")

    def test_manager_without_reason_is_refused(self):
        self.lot.crm_quality_alert_date = fields.Datetime.now()

        with self.assertRaises(ValidationError):
            self._sell(user=self.manager)

    def test_till_loads_the_override(self):
        fields_loaded = self.env["pos.pack.operation.lot"]._load_pos_data_fields(
            self.pos_config_usd
        )

        self.assertIn("crm_quality_override_reason", fields_loaded)
