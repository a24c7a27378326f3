# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from odoo.addons.crm_analytics.tests.common import AnalyticsCase


@tagged("post_install", "-at_install")
class TestRefundAnalytics(AnalyticsCase):
    """A return refunded through rma lowers the customer's RFM monetary
    value and lifetime value; the order still counts as a purchase."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.company, install_demo=False
        )
        cls.customer = cls._customer("Refunded")
        cls.order = cls._orders([(cls.customer, 5, 100.0)])
        picking = cls.order.picking_ids
        picking.move_ids.quantity = 1.0
        picking.button_validate()

    def _refund(self):
        """Customer care refunds the apples kept by the customer: photo,
        inspection, rma's Refund button; accounting posts the credit note."""
        rma = self.env["rma"].create(
            {
                "partner_id": self.customer.id,
                "company_id": self.company.id,
                "order_id": self.order.id,
                "sale_line_id": self.order.order_line.id,
                "product_uom_qty": 0.4,
                "reason_id": self.env.ref("crm_aftersales.rma_reason_spoiled").id,
                "operation_id": self.env.ref(
                    "crm_aftersales.rma_operation_refund_without_return"
                ).id,
            }
        )
        rma.action_confirm()
        photo = self.env["ir.attachment"].create(
            {"name": "apples.png", "raw": b"\x89PNG\r\n\x1a\n"}
        )
        rma.write(
            {
                "inspection_photo_ids": [Command.link(photo.id)],
                "inspection_result": "pass",
                "inspection_responsibility": "delivery",
            }
        )
        rma.action_inspection_done()
        rma.action_refund()
        # dated the day the analytics run as of (posting would date it in
        # the user's time zone, already tomorrow in the UTC evening)
        rma.refund_id.invoice_date = self.today
        rma.refund_id.action_post()

    def test_refund_lowers_monetary_and_lifetime_value(self):
        self._refund()
        self._run("rfm", "value")
        row = self._row(self.customer)
        self.assertEqual(row.frequency, 1)
        self.assertEqual(row.monetary, 60.0)
        self.assertEqual(row.lifetime_value, 60.0)
