# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestPurchaseFactChannel(TransactionCase):
    """Orders placed on a website are the e-commerce channel of the facts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Online Buyer"})
        cls.product = cls.env["product.product"].create(
            {"name": "Basket of cherries", "list_price": 30.0}
        )
        cls.website = cls.env["website"].create({"name": "Fresh Online"})

    def _confirmed_order(self, **values):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [Command.create({"product_id": self.product.id})],
                **values,
            }
        )
        order.action_confirm()
        return order

    def _channels(self, order):
        facts = self.env["crm.purchase.fact"].search(
            [("order_model", "=", "sale.order"), ("order_id", "=", order.id)]
        )
        return set(facts.mapped("channel"))

    def test_website_order_is_ecommerce(self):
        order = self._confirmed_order(website_id=self.website.id)
        self.assertEqual(self._channels(order), {"ecommerce"})

    def test_backend_order_is_sales(self):
        order = self._confirmed_order()
        self.assertEqual(self._channels(order), {"sales"})

    def test_order_rows_follow_the_channel(self):
        order = self._confirmed_order(website_id=self.website.id)
        facts = self.env["crm.purchase.fact"]
        facts.flush_sources()
        rows = self.env.execute_query(
            facts.facts_sql(
                order.company_id,
                order.date_order.date(),
                SQL("f.order_id, f.channel"),
                per_order=True,
            )
        )
        self.assertIn((order.id, "ecommerce"), rows)
