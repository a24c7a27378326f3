# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestQualityAlertDelivery(TransactionCase):
    """A lot under quality alert leaves the warehouse only when a manager
    validates its delivery with a reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        users = {"company_id": company.id, "company_ids": [Command.set(company.ids)]}
        cls.clerk = new_test_user(
            cls.env, login="qa_clerk", groups="stock.group_stock_user", **users
        )
        cls.manager = new_test_user(
            cls.env, login="qa_manager", groups="stock.group_stock_manager", **users
        )
        cls.strawberries = cls.env["product.product"].create(
            {"name": "Strawberries", "is_storable": True, "tracking": "lot"}
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1
        )
        cls.lot = cls.env["stock.lot"].create(
            {"name": "STR-0601", "product_id": cls.strawberries.id}
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.strawberries, cls.warehouse.lot_stock_id, 10, lot_id=cls.lot
        )
        cls.lot.crm_quality_alert_date = fields.Datetime.now()
        cls.customer = cls.env["res.partner"].create({"name": "Wang Fang"})

    def _delivery(self):
        picking = self.env["stock.picking"].create(
            {
                "partner_id": self.customer.id,
                "picking_type_id": self.warehouse.out_type_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.strawberries.id,
                            "product_uom_qty": 2,
                            "location_id": self.warehouse.lot_stock_id.id,
                            "location_dest_id": self.env.ref(
                                "stock.stock_location_customers"
                            ).id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        self.assertEqual(picking.move_line_ids.lot_id, self.lot)
        return picking

    def test_clerk_cannot_deliver_the_lot(self):
        picking = self._delivery()

        with self.assertRaises(UserError) as error:
            picking.with_user(self.clerk).button_validate()

        self.assertIn("STR-0601 (Strawberries)", str(error.exception))
        self.assertEqual(picking.state, "assigned")

    def test_manager_delivers_the_lot_with_a_reason(self):
        picking = self._delivery()

        action = picking.with_user(self.manager).button_validate()

        self.assertEqual(action["res_model"], "crm.quality.override")
        self.assertEqual(picking.state, "assigned")
        wizard = Form(
            self.env["crm.quality.override"]
            .with_user(self.manager)
            .with_context(**action["context"])
        )
        wizard.reason = "Checked again by the quality manager: sound"
        override = wizard.save()
        self.assertEqual(override.lot_ids, self.lot)
        override.action_validate()
        self.assertEqual(picking.state, "done")
        for record in (picking, self.lot):
            self.assertIn(
                "Checked again by the quality manager: sound",
                record.message_ids[0].body,
            )

    def test_other_lots_are_delivered_as_usual(self):
        self.lot.crm_quality_alert_date = False
        picking = self._delivery()

        self.assertTrue(picking.with_user(self.clerk).button_validate())

        self.assertEqual(picking.state, "done")
