# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import Form, tagged
from odoo.tools import SQL

from .test_membership_tier import MembershipTierCase


@tagged("post_install", "-at_install")
class TestPurchaseOrderFact(MembershipTierCase):
    """The order rows of the purchase facts (``_order_fact_queries``) are
    the line facts summed per order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=cls.env.company, install_demo=False
            )

    def _order_facts(self):
        self.env.flush_all()
        return self.env.execute_query(
            SQL(
                """SELECT order_model, order_id, amount, is_refund
                     FROM (%s) o
                    WHERE partner_id = %s
                 ORDER BY order_model DESC, order_id""",
                SQL(" UNION ALL ").join(
                    self.env["crm.purchase.fact"]._order_fact_queries()
                ),
                self.customer.id,
            )
        )

    def _refund(self, order, quantity):
        invoice = order._create_invoices()
        invoice.action_post()
        refund = invoice._reverse_moves([{"invoice_date": invoice.invoice_date}])
        refund.invoice_line_ids.quantity = quantity
        refund.action_post()
        return refund

    def test_order_row_sums_its_lines(self):
        order = self._create_order(self.customer, 2)
        order.order_line = [
            Command.create({"display_type": "line_section", "name": "Fruit"}),
            Command.create(
                {
                    "product_id": self.product.id,
                    "product_uom_qty": 1,
                    "price_unit": 50.0,
                    "tax_ids": [Command.clear()],
                }
            ),
            Command.create({"display_type": "line_note", "name": "Keep cool"}),
        ]
        order.action_confirm()
        self.assertEqual(self._order_facts(), [("sale.order", order.id, 250.0, False)])

    def test_draft_order_has_no_row(self):
        self._create_order(self.customer, 1)
        self.assertEqual(self._order_facts(), [])

    def test_order_of_a_contact_counts_for_its_company(self):
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer.id}
        )
        order = self._confirm_order(contact, 1)
        self.assertEqual(self._order_facts(), [("sale.order", order.id, 100.0, False)])

    def test_credit_note_is_one_refund_row(self):
        order = self._confirm_order(self.customer, 3)
        refund = self._refund(order, 2)
        self.assertEqual(
            self._order_facts(),
            [
                ("sale.order", order.id, 300.0, False),
                ("account.move", refund.id, -200.0, True),
            ],
        )

    def test_order_rows_are_the_line_facts_grouped_by_order(self):
        first = self._confirm_order(self.customer, 2)
        second = self._create_order(self.customer, 1, price=30.0)
        second.order_line = [
            Command.create(
                {
                    "product_id": self.product.id,
                    "product_uom_qty": 3,
                    "price_unit": 12.5,
                    "tax_ids": [Command.clear()],
                }
            )
        ]
        second.action_confirm()
        self._refund(first, 1)
        self.env.flush_all()
        grouped = self.env.execute_query(
            SQL(
                """SELECT order_model, order_id, SUM(amount), bool_and(is_refund)
                     FROM (%s) f
                    WHERE partner_id = %s
                 GROUP BY order_model, order_id
                 ORDER BY order_model DESC, order_id""",
                self.env["crm.purchase.fact"]._table_query,
                self.customer.id,
            )
        )
        self.assertEqual(len(grouped), 3)
        self.assertEqual(self._order_facts(), grouped)

    def test_credit_note_added_on_the_invoice_lowers_spend(self):
        """Accounting adds a credit note on the invoice (Add Credit Note),
        lowers it to the one item refunded and posts it."""
        order = self._confirm_order(self.customer, 3)
        invoice = order._create_invoices()
        invoice.action_post()
        reversal = Form(
            self.env["account.move.reversal"].with_context(
                active_model="account.move", active_ids=invoice.ids
            )
        )
        reversal.reason = "Bruised apples"
        action = reversal.save().refund_moves()
        credit_note = self.env["account.move"].browse(action["res_id"])
        with (
            Form(credit_note) as credit_note_form,
            credit_note_form.invoice_line_ids.edit(0) as line,
        ):
            line.quantity = 1
        credit_note.action_post()
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.crm_lifetime_spend, 200.0)
        self.assertEqual(self.customer.crm_order_count, 1)
