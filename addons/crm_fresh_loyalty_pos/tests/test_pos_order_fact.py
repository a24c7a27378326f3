# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.point_of_sale.tests.common import CommonPosTest


@tagged("post_install", "-at_install")
class TestPosOrderFact(CommonPosTest):
    """The point of sale's order rows of the purchase facts: its lines summed
    per order, a refund order being a refund."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Zhao Lei"})
        cls.product = cls.twenty_dollars_no_tax.product_variant_id

    def _pos_order(self, quantities, refund=False):
        total = 20.0 * sum(quantities)
        return self.create_backend_pos_order(
            {
                "order_data": {"partner_id": self.customer.id},
                "line_data": [
                    {"product_id": self.product.id, "qty": qty} for qty in quantities
                ],
                "payment_data": [
                    {"payment_method_id": self.cash_payment_method.id, "amount": total}
                ],
                "refund_data": refund
                and [
                    {"payment_method_id": self.cash_payment_method.id, "amount": -total}
                ],
            }
        )

    def _order_facts(self):
        self.env.flush_all()
        return self.env.execute_query(
            SQL(
                """SELECT order_id, amount, is_refund
                     FROM (%s) o
                    WHERE partner_id = %s AND order_model = 'pos.order'
                 ORDER BY order_id""",
                SQL(" UNION ALL ").join(
                    self.env["crm.purchase.fact"]._order_fact_queries()
                ),
                self.customer.id,
            )
        )

    def test_pos_order_row_sums_its_lines(self):
        order, _refund = self._pos_order([1, 2])
        self.assertEqual(self._order_facts(), [(order.id, 60.0, False)])

    def test_pos_refund_order_is_a_refund_row(self):
        order, refund = self._pos_order([1], refund=True)
        self.assertEqual(
            self._order_facts(), [(order.id, 20.0, False), (refund.id, -20.0, True)]
        )

    def test_pos_order_rows_are_the_line_facts_grouped_by_order(self):
        self._pos_order([1, 3], refund=True)
        self._pos_order([2])
        self.env.flush_all()
        grouped = self.env.execute_query(
            SQL(
                """SELECT order_id, SUM(amount), bool_or(is_refund)
                     FROM (%s) f
                    WHERE partner_id = %s
                 GROUP BY order_id
                 ORDER BY order_id""",
                self.env["crm.purchase.fact"]._pos_fact_query(),
                self.customer.id,
            )
        )
        self.assertEqual(len(grouped), 3)
        self.assertEqual(self._order_facts(), grouped)
