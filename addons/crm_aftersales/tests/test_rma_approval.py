# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged

from .common_rma import ReturnCase


@tagged("post_install", "-at_install")
class TestRmaApproval(ReturnCase):
    """Every return has a reason once confirmed, and waits for a manager
    when worth more than the approval amount, whatever its reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.changed_mind = cls.env["rma.reason"].create(
            {"name": "Changed mind", "inspection_required": False}
        )

    def test_return_without_reason_is_not_confirmed(self):
        rma = self._create_return(2.0, user=self.care_user, reason_id=False)
        with self.assertRefused("Return Reason"):
            rma.action_confirm()
        self.assertEqual(rma.state, "draft")

    def test_reason_is_required_on_the_form(self):
        rma_form = Form(self.env["rma"].with_user(self.care_user))
        rma_form.partner_id = self.customer
        rma_form.order_id = self.order
        rma_form.sale_line_id = self.order_line
        rma_form.product_uom_qty = 2.0
        with self.assertRaises(AssertionError, msg="reason_id is required"):
            rma_form.save()

    def test_return_not_inspected_above_the_amount_waits_for_a_manager(self):
        rma = self._create_return(
            8.0, user=self.care_user, reason_id=self.changed_mind.id
        )
        self._confirm_and_receive(rma)
        self.assertFalse(rma.inspection_required)
        self.assertEqual(rma.approval_state, "to_approve")
        self.assertFalse(rma.can_be_refunded)
        rma.action_refund()
        self.assertFalse(rma.refund_id)
        rma.with_user(self.care_manager).action_approve()
        self.assertTrue(rma.can_be_refunded)
        rma.action_refund()
        self.assertEqual(rma.refund_id.amount_total, 80.0)

    def test_return_not_inspected_below_the_amount_goes_on(self):
        rma = self._create_return(
            2.0, user=self.care_user, reason_id=self.changed_mind.id
        )
        self._confirm_and_receive(rma)
        self.assertEqual(rma.approval_state, "not_required")
        self.assertTrue(rma.can_be_refunded)

    def test_automatic_refund_not_inspected_waits_for_the_approval(self):
        operation = self.env["rma.operation"].create(
            {
                "name": "Refund automatically on confirmation",
                "action_create_receipt": False,
                "action_create_delivery": False,
                "action_create_refund": "automatic_on_confirm",
            }
        )
        rma = self._create_return(
            8.0, operation=operation, reason_id=self.changed_mind.id
        )
        rma.action_confirm()
        self.assertFalse(rma.refund_id)
        rma.with_user(self.care_manager).action_approve()
        self.assertEqual(rma.state, "refunded")
        self.assertEqual(rma.refund_id.amount_total, 80.0)
