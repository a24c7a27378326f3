# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form

from odoo.addons.crm_fresh_loyalty.tests.common import CustomerCareCase


class ReturnCase(CustomerCareCase):
    """A customer who bought and received 10 kg of apples at 10.0 per kg,
    the suite's return reasons, and rma's refund and replacement operations."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.rma_approval_amount = 50.0
        cls.income_account = cls.env["account.account"].create(
            {"name": "Fresh Sales", "code": "FRESH01", "account_type": "income"}
        )
        cls.company.income_account_id = cls.income_account
        if not cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "sale")], limit=1
        ):
            cls.env["account.journal"].create(
                {"name": "Customer Invoices", "code": "INV", "type": "sale"}
            )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Wang Fang",
                "email": "wang.fang@example.com",
                "phone": "+8613800138000",
                "crm_preferred_channel": "email",
            }
        )
        cls.apples = cls.env["product.product"].create(
            {
                "name": "Fuji apples",
                "type": "consu",
                "list_price": 12.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.spoiled = cls.env.ref("crm_aftersales.rma_reason_spoiled")
        cls.op_refund = cls.env.ref("rma.rma_operation_refund")
        cls.op_replace = cls.env.ref("rma.rma_operation_replace")
        cls.op_refund_no_return = cls.env.ref(
            "crm_aftersales.rma_operation_refund_without_return"
        )
        cls.order = cls._sell_and_deliver(cls.customer, 10.0)
        cls.order_line = cls.order.order_line

    @classmethod
    def _sell_and_deliver(cls, partner, qty):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.apples.id,
                            "product_uom_qty": qty,
                            "price_unit": 10.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        picking = order.picking_ids
        picking.move_ids.quantity = qty
        picking.button_validate()
        return order

    def _create_return(self, qty, operation=None, user=None, **vals):
        env = self.env(user=user) if user else self.env
        return env["rma"].create(
            {
                "partner_id": self.customer.id,
                "order_id": self.order.id,
                "sale_line_id": self.order_line.id,
                "product_uom_qty": qty,
                "reason_id": self.spoiled.id,
                "operation_id": (operation or self.op_refund).id,
                **vals,
            }
        )

    def _confirm_and_receive(self, rma):
        rma.action_confirm()
        self._receive(rma)

    def _receive(self, rma):
        """The warehouse validates the reception of the returned goods."""
        move = rma.sudo().reception_move_id
        move.quantity = rma.product_uom_qty
        move.picking_id.button_validate()

    def _inspect(self, rma, result="pass", responsibility="supplier"):
        rma.write(
            {
                "inspection_result": result,
                "inspection_responsibility": responsibility,
                "inspection_note": "Soft, brown spots",
            }
        )
        rma.action_inspection_done()

    def _attach_photo(self, rma):
        photo = self.env["ir.attachment"].create(
            {
                "name": "apples.png",
                "raw": b"\x89PNG\r\n\x1a\n",
                "res_model": "rma",
                "res_id": rma.id,
            }
        )
        rma.inspection_photo_ids = [Command.link(photo.id)]
        return photo

    def _replace(self, rma):
        wizard_form = Form(
            self.env["rma.delivery.wizard"].with_context(
                active_ids=rma.ids, rma_delivery_type="replace"
            )
        )
        wizard_form.product_id = rma.product_id
        wizard_form.product_uom_qty = rma.product_uom_qty
        wizard_form.save().action_deliver()

    @contextmanager
    def assertRefused(self, text):
        """A ValidationError naming `text`, everything written rolled back."""
        with self.assertRaises(ValidationError) as caught:
            yield
        self.assertIn(text, str(caught.exception))

    def _steps(self, rma):
        return rma.notification_ids.sorted("id").mapped("step")
