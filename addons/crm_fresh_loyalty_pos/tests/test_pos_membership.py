# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.crm_fresh_loyalty.tests.common import points_program_values
from odoo.addons.point_of_sale.tests.common import CommonPosTest


@tagged("post_install", "-at_install")
class TestPosMembership(CommonPosTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.program = cls.env["loyalty.program"].create(
            points_program_values("Shop Club", reward_points=100)
        )
        # CommonPosTest works as a POS user; tiers are a care manager's setup.
        cls.silver = (
            cls.env["crm.membership.tier"]
            .sudo()
            .create(
                {
                    "name": "Silver",
                    "program_id": cls.program.id,
                    "qualify_spend": 15,
                }
            )
        )
        cls.customer = cls.env["res.partner"].create({"name": "Wang Fang"})
        cls.card = cls.env["loyalty.card"].create(
            {"program_id": cls.program.id, "partner_id": cls.customer.id}
        )
        cls.product = cls.twenty_dollars_no_tax.product_variant_id

    # The cashier of these tests may not read purchase facts nor tier history:
    # the outcomes are checked as the administrator.

    def _pos_order(self, refund=False):
        return self.create_backend_pos_order(
            {
                "order_data": {"partner_id": self.customer.id},
                "line_data": [{"product_id": self.product.id}],
                "payment_data": [
                    {"payment_method_id": self.cash_payment_method.id, "amount": 20}
                ],
                "refund_data": refund
                and [{"payment_method_id": self.cash_payment_method.id, "amount": -20}],
            }
        )

    def _spend(self):
        return sum(
            self.env["crm.purchase.fact"]
            .sudo()
            .search([("partner_id", "=", self.customer.id)])
            .mapped("amount")
        )

    def test_paid_pos_order_is_a_purchase_fact(self):
        order, _refund = self._pos_order()
        fact = (
            self.env["crm.purchase.fact"]
            .sudo()
            .search([("partner_id", "=", self.customer.id)])
        )
        self.assertEqual(
            (fact.channel, fact.order_model, fact.order_id, fact.amount),
            ("pos", "pos.order", order.id, 20.0),
        )

    def test_paid_pos_order_upgrades_at_once(self):
        self._pos_order()
        self.assertEqual(self.card.crm_tier_id, self.silver)
        self.assertEqual(self.card.sudo().crm_tier_history_ids.reason, "purchase")

    def test_pos_refund_reduces_spend(self):
        _order, refund = self._pos_order(refund=True)
        self.assertEqual(refund.state, "paid")
        self.assertEqual(self._spend(), 0.0)
        refund_fact = (
            self.env["crm.purchase.fact"]
            .sudo()
            .search([("order_id", "=", refund.id), ("order_model", "=", "pos.order")])
        )
        self.assertTrue(refund_fact.is_refund)
