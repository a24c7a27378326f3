# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common_rma import ReturnCase


@tagged("post_install", "-at_install")
class TestRmaFlow(ReturnCase):
    def test_refund_above_threshold_waits_for_manager(self):
        """Customer care staff run the flow, the warehouse receives the goods,
        a manager approves."""
        rma = self._create_return(8.0, user=self.care_user)
        self.assertEqual(rma.product_id, self.apples)
        self.assertEqual(rma.amount, 80.0)
        rma.action_confirm()
        self._receive(rma)
        self.assertEqual(rma.state, "received")
        self.assertFalse(rma.can_be_refunded, "Not inspected yet")
        self._inspect(rma)
        self.assertEqual(rma.inspection_user_id, self.care_user)
        self.assertEqual(rma.approval_state, "to_approve")
        self.assertFalse(rma.can_be_refunded, "Not approved yet")
        rma.with_user(self.care_manager).action_approve()
        self.assertEqual(rma.approval_state, "approved")
        self.assertEqual(rma.approval_user_id, self.care_manager)
        self.assertTrue(rma.can_be_refunded)
        rma.action_refund()
        self.assertEqual(rma.state, "refunded")
        self.assertEqual(rma.refund_id.move_type, "out_refund")
        self.assertEqual(rma.refund_id.amount_total, 80.0, "Price of the order")
        self.assertEqual(
            self._steps(rma), ["received", "inspected", "approved", "refunded"]
        )

    def test_refund_below_threshold_goes_on_without_approval(self):
        rma = self._create_return(2.0)
        self._confirm_and_receive(rma)
        self._inspect(rma)
        self.assertEqual(rma.approval_state, "not_required")
        self.assertTrue(rma.can_be_refunded)
        rma.action_refund()
        self.assertEqual(rma.refund_id.amount_total, 20.0)

    def test_replacement(self):
        rma = self._create_return(3.0, operation=self.op_replace)
        self._confirm_and_receive(rma)
        self.assertFalse(rma.can_be_replaced, "Not inspected yet")
        self._inspect(rma, responsibility="warehouse")
        self.assertTrue(rma.can_be_replaced)
        self._replace(rma)
        self.assertEqual(rma.state, "waiting_replacement")
        self.assertEqual(rma.delivery_move_ids.product_uom_qty, 3.0)
        self.assertFalse(rma.refund_id)
        self.assertEqual(self._steps(rma), ["received", "inspected", "replaced"])

    def test_compensation_without_return(self):
        rma = self._create_return(2.0, operation=self.op_refund_no_return)
        rma.action_confirm()
        self.assertEqual(rma.state, "confirmed")
        self.assertFalse(rma.reception_move_id, "The goods are not taken back")
        self.assertTrue(rma.can_be_inspected)
        self._attach_photo(rma)
        self._inspect(rma, responsibility="delivery")
        self.assertEqual(rma.inspection_photo_count, 1)
        rma.action_refund()
        self.assertEqual(rma.state, "refunded")
        self.assertEqual(rma.refund_id.amount_total, 20.0)
        self.assertFalse(rma.reception_move_id)

    def test_compensation_without_return_needs_a_photo(self):
        rma = self._create_return(2.0, operation=self.op_refund_no_return)
        rma.action_confirm()
        rma.write(
            {"inspection_result": "pass", "inspection_responsibility": "delivery"}
        )
        with self.assertRefused("Inspection Photos"):
            rma.action_inspection_done()
        self.assertFalse(rma.inspection_date)
        self.assertFalse(rma.can_be_refunded)

    def test_failed_inspection_blocks_refund(self):
        rma = self._create_return(2.0)
        self._confirm_and_receive(rma)
        self._inspect(rma, result="fail", responsibility="customer")
        self.assertEqual(rma.approval_state, "not_required")
        self.assertFalse(rma.can_be_refunded)
        rma.action_refund()
        self.assertFalse(rma.refund_id)

    def test_inspection_needs_result_and_responsibility(self):
        rma = self._create_return(2.0)
        self._confirm_and_receive(rma)
        with self.assertRefused("Responsibility"):
            rma.action_inspection_done()
        self.assertFalse(rma.inspection_date)

    def test_user_cannot_approve(self):
        rma = self._create_return(8.0)
        self._confirm_and_receive(rma)
        self._inspect(rma)
        with self.assertRaises(AccessError):
            rma.with_user(self.care_user).action_approve()
        with self.assertRaises(AccessError):
            rma.with_user(self.care_user).write({"approval_state": "approved"})
        self.assertEqual(rma.approval_state, "to_approve")

    def test_user_runs_the_flow_up_to_approval(self):
        rma = self._create_return(8.0, user=self.care_user)
        rma = rma.with_user(self.care_user)
        rma.action_confirm()
        self.assertEqual(rma.state, "confirmed")
        self.assertEqual(rma.reason_id, self.spoiled)

    def test_lot_must_be_of_the_product(self):
        pears = self.env["product.product"].create({"name": "Pears", "type": "consu"})
        lot = self.env["stock.lot"].create({"name": "PEAR-01", "product_id": pears.id})
        rma = self._create_return(2.0)
        with self.assertRefused("Lot/Batch"):
            rma.lot_id = lot

    def test_lot_of_the_product_is_traced(self):
        lot = self.env["stock.lot"].create(
            {"name": "APPLE-2026-11", "product_id": self.apples.id}
        )
        rma = self._create_return(2.0, lot_id=lot.id)
        self.assertEqual(
            self.env["rma"].search([("lot_id", "=", lot.id)]), rma, "Lot search"
        )

    def test_root_cause_report_counts_returns_by_reason_and_responsibility(self):
        farm = self.env["res.partner"].create({"name": "Green Farm"})
        self.apples.seller_ids = [Command.create({"partner_id": farm.id})]
        lot = self.env["stock.lot"].create(
            {"name": "APPLE-2026-11", "product_id": self.apples.id}
        )
        inspected = self._create_return(2.0, lot_id=lot.id)
        self._confirm_and_receive(inspected)
        self._inspect(inspected, responsibility="supplier")
        self._create_return(1.0).action_cancel()  # cancelled: not a root cause
        self.env.flush_all()
        rows = self.env["crm.complaint.cause.report"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(
            [
                (
                    r.source,
                    r.name,
                    r.reason_id,
                    r.responsibility,
                    r.lot_id,
                    r.supplier_id,
                )
                for r in rows
            ],
            [("return", inspected.name, self.spoiled, "supplier", lot, farm)],
        )

    def test_sale_order_smart_button_and_create_action(self):
        rma = self._create_return(2.0)
        self.assertEqual(self.order.rma_count, 1)
        self.assertEqual(self.order.rma_ids, rma)
        self.assertEqual(
            self.env["rma"].search(self.order.action_view_rma()["domain"]), rma
        )
        context = self.order.action_create_rma()["context"]
        self.assertEqual(context["default_order_id"], self.order.id)
        self.assertEqual(context["default_partner_id"], self.customer.id)

    def test_customer_smart_button_counts_returns(self):
        self._create_return(2.0)
        self._create_return(1.0)
        self.customer.invalidate_recordset(["rma_count"])
        self.assertEqual(self.customer.rma_count, 2)

    def test_settings_show_approval_amount(self):
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertIn('name="rma_approval_amount"', arch)
        settings = self.env["res.config.settings"].create({"rma_approval_amount": 75.0})
        settings.execute()
        self.assertEqual(self.company.rma_approval_amount, 75.0)
