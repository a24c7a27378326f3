# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .test_membership_tier import MembershipTierCase


@tagged("post_install", "-at_install")
class TestMultiCurrencyProgram(MembershipTierCase):
    """A program without a company counts the purchases of every company,
    converted into its currency, never summed raw."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.currency = cls.env.company.currency_id
        cls.other_currency = cls.env.ref(
            "base.CNY" if cls.currency != cls.env.ref("base.CNY") else "base.EUR"
        )
        cls.other_currency.active = True
        cls.env["res.currency.rate"].search(
            [("currency_id", "in", (cls.currency | cls.other_currency).ids)]
        ).unlink()
        # 10 units of the other currency for one of the program's
        cls.env["res.currency.rate"].create(
            {
                "currency_id": cls.other_currency.id,
                "name": "2020-01-01",
                "rate": 10.0,
                "company_id": False,
            }
        )
        cls.company_b = cls.env["res.company"].create(
            {"name": "Fresh Shop B", "currency_id": cls.other_currency.id}
        )
        cls.pricelist_b = cls.env["product.pricelist"].create(
            {
                "name": "Shop B",
                "currency_id": cls.other_currency.id,
                "company_id": cls.company_b.id,
            }
        )
        cls.program.company_id = False
        cls.card = cls._create_card(cls.customer)

    def _confirm_order_b(self, quantity, price):
        order = (
            self.env["sale.order"]
            .with_company(self.company_b)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": self.company_b.id,
                    "pricelist_id": self.pricelist_b.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product.id,
                                "product_uom_qty": quantity,
                                "price_unit": price,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        self.assertEqual(order.currency_id, self.other_currency)
        return order

    def test_spend_of_other_currency_converted(self):
        self.assertFalse(self.program.company_id)
        self.assertEqual(self.program.currency_id, self.currency)
        self._confirm_order(self.customer, 2)  # 200 in the program's currency
        self._confirm_order_b(20, 100.0)  # 2,000 of the other currency: 200
        self.program._crm_evaluate_tiers(today=self.today)
        # 400, not 2,200: under the 500 of Silver
        self.assertFalse(self.card.crm_tier_id)
        self._confirm_order(self.customer, 1)  # 500 with the converted 200
        self.program._crm_evaluate_tiers(today=self.today)
        self.assertEqual(self.card.crm_tier_id, self.silver)
