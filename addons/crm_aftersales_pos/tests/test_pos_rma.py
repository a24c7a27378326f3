# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.point_of_sale.tests.common import CommonPosTest


@tagged("post_install", "-at_install")
class TestPosRma(CommonPosTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.care_user = new_test_user(
            cls.env,
            login="pos_care_user",
            groups="crm_fresh_loyalty.group_customer_care_user",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Wang Fang", "email": "wang.fang@example.com"}
        )
        cls.product = cls.twenty_dollars_no_tax.product_variant_id
        cls.spoiled = cls.env.ref("crm_aftersales.rma_reason_spoiled")
        cls.op_refund_no_return = cls.env.ref(
            "crm_aftersales.rma_operation_refund_without_return"
        )

    def _pos_order(self, qty=3, refund=False):
        order, _refund = self.create_backend_pos_order(
            {
                "order_data": {"partner_id": self.customer.id},
                "line_data": [{"product_id": self.product.id, "qty": qty}],
                "payment_data": [
                    {
                        "payment_method_id": self.cash_payment_method.id,
                        "amount": 20 * qty,
                    }
                ],
                "refund_data": refund
                and [
                    {
                        "payment_method_id": self.cash_payment_method.id,
                        "amount": -20 * qty,
                    }
                ],
            }
        )
        return order

    def _create_return(self, order, qty):
        return (
            self.env["rma"]
            .with_user(self.care_user)
            .create(
                {
                    "partner_id": self.customer.id,
                    "pos_order_id": order.id,
                    "pos_order_line_id": order.lines.id,
                    "product_uom_qty": qty,
                    "reason_id": self.spoiled.id,
                    "operation_id": self.op_refund_no_return.id,
                }
            )
        )

    def _order_returns(self, order):
        return (
            self.env["rma"]
            .with_user(self.care_user)
            .search([("pos_order_id", "=", order.id)])
        )

    def test_care_user_names_the_pos_order_of_a_return(self):
        order = self._pos_order()
        choices = (
            self.env["pos.order"]
            .with_user(self.care_user)
            .name_search(
                order.name,
                domain=[
                    ("partner_id", "child_of", self.customer.id),
                    ("state", "in", ["paid", "done"]),
                ],
            )
        )
        self.assertEqual([order_id for order_id, _name in choices], order.ids)

    def _refund_return(self, order, qty):
        """Customer care refunds a return of the order without taking the
        goods back: photo, inspection, rma's Refund button."""
        rma = self._create_return(order, qty)
        rma.action_confirm()
        photo = (
            self.env["ir.attachment"]
            .with_user(self.care_user)
            .create({"name": "cherries.png", "raw": b"\x89PNG\r\n\x1a\n"})
        )
        rma.inspection_photo_ids = [Command.link(photo.id)]
        rma.write(
            {"inspection_result": "pass", "inspection_responsibility": "warehouse"}
        )
        rma.action_inspection_done()
        rma.action_refund()
        return rma

    def test_return_of_a_shop_purchase_is_refunded_at_the_shop_price(self):
        order = self._pos_order()
        rma = self._refund_return(order, 2.0)
        self.assertEqual(rma.product_id, self.product)
        self.assertEqual(rma.amount, 40.0)
        self.assertEqual(rma.state, "refunded")
        self.assertEqual(rma.refund_id.amount_total, 40.0)

    def test_posted_refund_of_a_shop_purchase_lowers_spend(self):
        order = self._pos_order()
        customer = self.customer.with_user(self.care_user)
        self.assertEqual(customer.crm_lifetime_spend, 60.0)
        rma = self._refund_return(order, 2.0)
        customer.invalidate_recordset()
        self.assertEqual(customer.crm_lifetime_spend, 60.0, "Draft credit note")
        # Accounting posts the credit note.
        rma.refund_id.with_env(self.env).action_post()
        customer.invalidate_recordset()
        self.assertEqual(customer.crm_lifetime_spend, 20.0)
        self.assertEqual(customer.crm_order_count, 1)

    def test_return_proposes_the_lots_sold_at_the_till(self):
        sold, _not_sold = self.env["stock.lot"].create(
            [
                {"name": "CHERRY-01", "product_id": self.product.id},
                {"name": "CHERRY-02", "product_id": self.product.id},
            ]
        )
        order, _refund = self.create_backend_pos_order(
            {
                "order_data": {"partner_id": self.customer.id},
                "line_data": [
                    {
                        "product_id": self.product.id,
                        "qty": 1,
                        "pack_lot_ids": [Command.create({"lot_name": sold.name})],
                    }
                ],
                "payment_data": [
                    {"payment_method_id": self.cash_payment_method.id, "amount": 20}
                ],
            }
        )
        rma = self._create_return(order, 1.0)
        self.assertEqual(rma.allowed_lot_ids, sold)

    def test_more_than_bought_refused(self):
        order = self._pos_order()
        with self.assertRaises(ValidationError) as caught:
            self._create_return(order, 4.0)
        self.assertIn("only 3.0", str(caught.exception))
        self.assertFalse(self._order_returns(order))

    def test_refunded_at_the_counter_is_not_returned_again(self):
        order = self._pos_order(qty=1, refund=True)
        self.assertEqual(order.lines.refunded_qty, 1.0)
        with self.assertRaises(ValidationError) as caught:
            self._create_return(order, 1.0)
        self.assertIn("not refunded", str(caught.exception))
        self.assertFalse(self._order_returns(order))

    def test_pos_order_smart_button_and_create_action(self):
        order = self._pos_order().with_user(self.care_user)
        rma = self._create_return(order, 1.0)
        self.assertEqual(order.rma_count, 1)
        self.assertEqual(rma.search(order.action_view_rma()["domain"]), rma)
        context = order.action_create_rma()["context"]
        self.assertEqual(context["default_pos_order_id"], order.id)
        self.assertEqual(context["default_partner_id"], self.customer.id)

    def test_complaint_and_return_from_a_pos_line(self):
        order = self._pos_order(qty=3)
        line = order.lines.with_user(self.care_user)
        action = line.action_crm_aftersales_request()
        wizard_form = Form(
            self.env[action["res_model"]]
            .with_user(self.care_user)
            .with_context(**action["context"])
        )
        self.assertEqual(
            (wizard_form.partner_id, wizard_form.product_id, wizard_form.quantity),
            (self.customer, self.product, 3.0),
        )
        wizard_form.request_type = "both"
        wizard_form.quantity = 2.0
        wizard_form.reason_id = self.spoiled
        wizard_form.description = "Two were bruised."
        action = wizard_form.save().action_confirm()
        ticket = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertEqual(
            (ticket.partner_id, ticket.crm_pos_order_id, ticket.crm_product_id),
            (self.customer, order, self.product),
        )
        rma = self.env["rma"].sudo().search([("pos_order_id", "=", order.id)])
        self.assertEqual(
            (rma.pos_order_line_id, rma.product_uom_qty), (order.lines, 2.0)
        )
        self.assertEqual(
            self.env["crm.customer.message"]
            .sudo()
            .search([("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
            .event,
            "complaint_received",
        )
