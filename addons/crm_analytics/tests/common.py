# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import Command, fields

from odoo.addons.crm_fresh_loyalty.tests.common import CustomerCareCase


class AnalyticsCase(CustomerCareCase):
    """A company of its own, so that the quintiles only see the customers of
    the test, products to sell, and helpers to write dated orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.company = cls.env["res.company"].create({"name": "Fresh Analytics Ltd"})
        cls.env.user.company_ids |= cls.company
        cls.care_user.company_ids |= cls.company
        cls.care_manager.company_ids |= cls.company
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=[cls.company.id])
        )
        cls.analytics = cls.env["crm.customer.analytics"]
        cls.apples, cls.pears, cls.plums, cls.kiwis = cls.env["product.product"].create(
            [
                {"name": name, "list_price": 10.0, "taxes_id": [Command.clear()]}
                for name in ("Apples", "Pears", "Plums", "Kiwis")
            ]
        )

    @classmethod
    def _customer(cls, name, **values):
        return cls.env["res.partner"].create(
            {"name": name, "customer_rank": 1, **values}
        )

    @classmethod
    def _orders(cls, specs, company=None):
        """Confirmed orders from ``(partner, days_ago, lines)`` where lines are
        ``(product, amount)`` pairs (or one amount, for apples)."""
        company = company or cls.company
        orders = (
            cls.env["sale.order"]
            .with_company(company)
            .create(
                [
                    {
                        "partner_id": partner.id,
                        "company_id": company.id,
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "product_uom_qty": 1,
                                    "price_unit": amount,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                            for product, amount in (
                                lines
                                if isinstance(lines, list)
                                else [(cls.apples, lines)]
                            )
                        ],
                    }
                    for partner, _days_ago, lines in specs
                ]
            )
        )
        orders.action_confirm()
        for order, (_partner, days_ago, _lines) in zip(orders, specs, strict=True):
            order.date_order = datetime.combine(
                cls.today - timedelta(days=days_ago), time(12)
            )
        return orders

    def _run(self, *steps, company=None, today=None):
        company = company or self.company
        for step in steps:
            self.analytics._crm_steps()[step](company, today or self.today)

    def _row(self, partner, company=None):
        return self.analytics.search(
            [
                ("partner_id", "=", partner.id),
                ("company_id", "=", (company or self.company).id),
            ]
        )
