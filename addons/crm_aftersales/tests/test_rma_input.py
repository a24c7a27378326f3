# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common_rma import ReturnCase


@tagged("post_install", "-at_install")
class TestRmaInput(ReturnCase):
    def _order_returns(self):
        return self.env["rma"].search([("order_id", "=", self.order.id)])

    def test_zero_quantity_refused(self):
        with self.assertRefused("must be positive"):
            self._create_return(0.0)
        self.assertFalse(self._order_returns())

    def test_negative_quantity_refused(self):
        with self.assertRefused("must be positive"):
            self._create_return(-1.0)

    def test_more_than_delivered_refused(self):
        with self.assertRefused("only 10.0"):
            self._create_return(11.0)
        self.assertFalse(self._order_returns())

    def test_returns_of_a_line_add_up(self):
        self._create_return(6.0)
        with self.assertRefused("add up to 11.0"):
            self._create_return(5.0)
        self.assertEqual(len(self._order_returns()), 1)

    def test_raising_quantity_above_delivered_refused(self):
        rma = self._create_return(6.0)
        with self.assertRaises(ValidationError):
            rma.product_uom_qty = 10.5
        self.assertEqual(rma.product_uom_qty, 6.0)

    def test_cancelled_returns_free_the_quantity(self):
        rma = self._create_return(6.0)
        rma.action_cancel()
        second = self._create_return(10.0)
        self.assertEqual(second.product_uom_qty, 10.0)

    def test_line_of_another_order_refused(self):
        other = self._sell_and_deliver(self.customer, 1.0)
        with self.assertRefused("must belong"):
            self._create_return(1.0, sale_line_id=other.order_line.id)

    def test_reasons_configured_by_managers_only(self):
        reasons = self.env["rma.reason"].with_user(self.care_user).search([])
        self.assertIn(self.spoiled, reasons)
        with self.assertRaises(AccessError):
            self.env["rma.reason"].with_user(self.care_user).create({"name": "Late"})
        reason = (
            self.env["rma.reason"].with_user(self.care_manager).create({"name": "Late"})
        )
        self.assertTrue(reason.inspection_required)

    def test_all_reasons_are_shipped(self):
        names = set(self.env["rma.reason"].search([]).mapped("name"))
        self.assertLessEqual(
            {
                "Spoiled or not fresh",
                "Damaged in delivery",
                "Wrong item",
                "Short weight",
                "Expired",
                "Other",
            },
            names,
        )
