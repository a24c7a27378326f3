# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common_rma import ReturnCase


@tagged("post_install", "-at_install")
class TestLotTraceability(ReturnCase):
    """Strawberries tracked by lot: lot STR-A came in from Green Farm, lot
    STR-B from Hill Farm, the product's main vendor. The customer's order was
    delivered from STR-A."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.strawberries = cls.env["product.product"].create(
            {
                "name": "Strawberries",
                "is_storable": True,
                "tracking": "lot",
                "list_price": 20.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.green_farm, cls.hill_farm = cls.env["res.partner"].create(
            [{"name": "Green Farm"}, {"name": "Hill Farm"}]
        )
        cls.strawberries.seller_ids = [Command.create({"partner_id": cls.hill_farm.id})]
        cls.lot_a = cls._receive(cls.green_farm, "STR-A")
        cls.lot_b = cls._receive(cls.hill_farm, "STR-B")
        cls.strawberry_order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [
                    Command.create(
                        {"product_id": cls.strawberries.id, "product_uom_qty": 4}
                    )
                ],
            }
        )
        cls.strawberry_order.action_confirm()
        delivery = cls.strawberry_order.picking_ids
        delivery.action_assign()
        delivery.move_ids.move_line_ids.write({"lot_id": cls.lot_a.id, "quantity": 4})
        delivery.button_validate()

    @classmethod
    def _receive(cls, supplier, lot_name):
        """The warehouse receives 5 strawberries of a new lot from supplier."""
        receipt = cls.env["stock.picking"].create(
            {
                "picking_type_id": cls.warehouse.in_type_id.id,
                "partner_id": supplier.id,
                "move_ids": [
                    Command.create(
                        {
                            "product_id": cls.strawberries.id,
                            "product_uom_qty": 5,
                            "location_id": cls.env.ref(
                                "stock.stock_location_suppliers"
                            ).id,
                            "location_dest_id": cls.warehouse.lot_stock_id.id,
                        }
                    )
                ],
            }
        )
        receipt.action_confirm()
        receipt.move_ids.move_line_ids.unlink()
        receipt.move_ids.move_line_ids = [
            Command.create(
                {
                    "product_id": cls.strawberries.id,
                    "lot_name": lot_name,
                    "quantity": 5,
                    "location_id": receipt.location_id.id,
                    "location_dest_id": receipt.location_dest_id.id,
                    "picking_id": receipt.id,
                }
            )
        ]
        receipt.button_validate()
        return receipt.move_ids.move_line_ids.lot_id

    def _strawberry_return(self, **vals):
        return (
            self.env["rma"]
            .with_user(self.care_user)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_id": self.strawberry_order.id,
                    "sale_line_id": self.strawberry_order.order_line.id,
                    "product_uom_qty": 1,
                    "reason_id": self.spoiled.id,
                    "operation_id": self.op_refund.id,
                    **vals,
                }
            )
        )

    def _strawberry_complaint(self, **vals):
        return (
            self.env["helpdesk.ticket"]
            .with_user(self.care_user)
            .create(
                {
                    "name": "草莓发霉",
                    "description": "<p>Mouldy strawberries</p>",
                    "type_id": self.env.ref(
                        "crm_aftersales.helpdesk_ticket_type_complaint"
                    ).id,
                    "partner_id": self.customer.id,
                    "crm_sale_order_id": self.strawberry_order.id,
                    "crm_product_id": self.strawberries.id,
                    **vals,
                }
            )
        )

    def test_return_proposes_the_lots_delivered_on_its_line(self):
        self.assertEqual(self._strawberry_return().allowed_lot_ids, self.lot_a)

    def test_complaint_proposes_the_lots_delivered_on_its_order(self):
        self.assertEqual(self._strawberry_complaint().crm_allowed_lot_ids, self.lot_a)

    def test_without_order_any_lot_of_the_product_is_proposed(self):
        ticket = self._strawberry_complaint(crm_sale_order_id=False)
        self.assertFalse(ticket.crm_allowed_lot_ids)
        self.assertEqual(
            self.env["stock.lot"].search(
                [("product_id", "=", ticket.crm_product_id.id)]
            ),
            self.lot_a | self.lot_b,
        )

    def test_root_cause_names_the_supplier_of_the_lot(self):
        self._strawberry_complaint(crm_lot_id=self.lot_a.id)
        self._strawberry_return(lot_id=self.lot_a.id)
        self._strawberry_complaint(crm_sale_order_id=False)
        self.env.flush_all()
        rows = self.env["crm.complaint.cause.report"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(
            sorted(
                (row.source, row.lot_id.name or "", row.supplier_id.name)
                for row in rows
            ),
            [
                ("complaint", "", "Hill Farm"),
                ("complaint", "STR-A", "Green Farm"),
                ("return", "STR-A", "Green Farm"),
            ],
        )
