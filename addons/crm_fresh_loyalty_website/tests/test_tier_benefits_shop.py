# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import ShopMemberCase


@tagged("post_install", "-at_install")
class TestTierBenefitsShop(ShopMemberCase):
    """Gold members buy at their tier's discount and ship for free; other
    customers pay the sales price and the shipping."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gold.discount_percent = 10
        cls.card._crm_set_tier(cls.gold, "manual", "Test")
        cls.guest_user = new_test_user(
            cls.env, login="shop_guest", groups="base.group_portal"
        )
        cls.lychee = cls.env["product.product"].create(
            {
                "name": "Lychee",
                "list_price": 50.0,
                "taxes_id": [Command.clear()],
                "is_published": True,
            }
        )
        cls.courier = cls.env["delivery.carrier"].create(
            {
                "name": "Cold chain courier",
                "delivery_type": "fixed",
                "fixed_price": 10.0,
                "is_published": True,
                "product_id": cls.env["product.product"]
                .create(
                    {
                        "name": "Cold chain delivery",
                        "type": "service",
                        "list_price": 10.0,
                        "taxes_id": [Command.clear()],
                    }
                )
                .id,
            }
        )

    def _order(self, partner):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "website_id": self.env["website"].get_current_website().id,
                "order_line": [Command.create({"product_id": self.lychee.id})],
            }
        )
        order._set_delivery_method(self.courier)
        return order

    def _shop(self, login):
        """Put a lychee in the cart and choose the courier, as the customer."""
        self.authenticate(login, login)
        self.make_jsonrpc_request(
            "/shop/cart/add",
            {
                "product_template_id": self.lychee.product_tmpl_id.id,
                "product_id": self.lychee.id,
                "quantity": 1,
            },
        )
        self.make_jsonrpc_request(
            "/shop/set_delivery_method", {"dm_id": self.courier.id}
        )
        partner = self.env["res.users"].search([("login", "=", login)]).partner_id
        return self.env["sale.order"].search(
            [("partner_id", "=", partner.id)], order="id desc", limit=1
        )

    def test_member_ships_for_free(self):
        order = self._order(self.member)
        self.assertEqual(order.amount_delivery, 0.0)
        self.assertEqual(order.carrier_id, self.courier)

    def test_non_member_pays_shipping(self):
        self.assertEqual(self._order(self.guest_user.partner_id).amount_delivery, 10.0)

    def test_free_shipping_says_why(self):
        rate = self.courier.rate_shipment(self._order(self.member))
        # The carrier's price, at the member's pricelist, is kept aside.
        self.assertEqual((rate["price"], rate["carrier_price"]), (0.0, 9.0))
        self.assertIn("Gold", rate["warning_message"])

    def test_member_cart_has_tier_price_and_free_shipping(self):
        cart = self._shop("gold_member")
        self.assertEqual(cart.pricelist_id, self.gold_pricelist)
        self.assertEqual(
            (cart.amount_untaxed - cart.amount_delivery, cart.amount_delivery),
            (45.0, 0.0),
        )

    def test_non_member_cart_has_sales_price_and_shipping(self):
        cart = self._shop("shop_guest")
        self.assertEqual(
            (cart.amount_untaxed - cart.amount_delivery, cart.amount_delivery),
            (50.0, 10.0),
        )
