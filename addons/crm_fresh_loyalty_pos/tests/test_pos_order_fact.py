# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.point_of_sale.tests.common import CommonPosTest


@tagged("post_install", "-at_install")
class TestPosOrderFact(CommonPosTest):
    """The point of sale's order rows of the purchase facts: its lines summed
    per order, a refund order being a refund, an exchange a purchase."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Zhao Lei"})
        cls.care_user = new_test_user(
            cls.env,
            login="pos_fact_care_user",
            groups="crm_fresh_loyalty.group_customer_care_user",
        )
        cls.product = cls.twenty_dollars_no_tax.product_variant_id

    def _pos_order(self, quantities, refund=False, refunded_line=None):
        """A paid order of the customer; with ``refunded_line``, its lines of
        negative quantity return that line (an exchange at the till)."""
        total = 20.0 * sum(quantities)
        return self.create_backend_pos_order(
            {
                "order_data": {"partner_id": self.customer.id},
                "line_data": [
                    {
                        "product_id": self.product.id,
                        "qty": qty,
                        **(
                            {"refunded_orderline_id": refunded_line.id}
                            if refunded_line and qty < 0
                            else {}
                        ),
                    }
                    for qty in quantities
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
                """SELECT order_id, SUM(amount), bool_and(is_refund)
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

    def test_exchange_is_a_purchase_of_the_net_amount(self):
        """At the till, the customer returns one item of an earlier order and
        buys two: the visit is a purchase of one item, not a refund."""
        order, _refund = self._pos_order([1])
        exchange, _refund = self._pos_order([2, -1], refunded_line=order.lines)
        self.assertEqual(order.lines.refunded_qty, 1.0)
        self.assertEqual(
            self._order_facts(),
            [(order.id, 20.0, False), (exchange.id, 20.0, False)],
        )
        customer = self.customer.with_user(self.care_user)
        self.assertEqual(customer.crm_order_count, 2)
        self.assertEqual(customer.crm_lifetime_spend, 40.0)
