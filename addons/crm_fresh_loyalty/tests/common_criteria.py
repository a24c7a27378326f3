# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields

from .common import CustomerCareCase


class CustomerCriteriaCase(CustomerCareCase):
    """Customers, products in two categories (fruit under fresh, and dry
    goods), and a helper to sell at a given date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Rules, categories and care plans look at every customer of the
        # company: keep the demo customers out of their scope.
        cls.env["res.partner"].search([("customer_rank", ">", 0)]).customer_rank = 0
        cls.now = fields.Datetime.now()
        cls.today = fields.Date.context_today(cls.env.user)
        Category = cls.env["product.category"]
        cls.fresh = Category.create({"name": "Fresh"})
        cls.fruit = Category.create({"name": "Fruit", "parent_id": cls.fresh.id})
        cls.dry = Category.create({"name": "Dry goods"})
        cls.apples, cls.rice = cls.env["product.product"].create(
            [
                {"name": "Apples", "categ_id": cls.fruit.id, "list_price": 1.0},
                {"name": "Rice", "categ_id": cls.dry.id, "list_price": 1.0},
            ]
        )
        cls.alice, cls.bob, cls.carol = cls.env["res.partner"].create(
            [
                {"name": name, "customer_rank": 1, "city": city}
                for name, city in [
                    ("Alice", "Shanghai"),
                    ("Bob", "Beijing"),
                    ("Carol", "Shanghai"),
                ]
            ]
        )
        cls.tag = cls.env["res.partner.category"].create({"name": "Auto"})

    @classmethod
    def _sell(cls, partner, apples=0.0, rice=0.0, days_ago=0, company=None):
        """Confirm an order of ``apples`` and ``rice`` (amounts, untaxed)."""
        company = company or cls.env.company
        lines = [
            Command.create(
                {
                    "product_id": product.id,
                    "product_uom_qty": 1,
                    "price_unit": amount,
                    "tax_ids": [Command.clear()],
                }
            )
            for product, amount in ((cls.apples, apples), (cls.rice, rice))
            if amount
        ]
        order = (
            cls.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "order_line": lines,
                }
            )
        )
        order.action_confirm()
        order.date_order = cls.now - timedelta(days=days_ago)
        return order
