# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.tests import tagged

from odoo.addons.crm_fresh_loyalty.tools import points_flow

from .common import ShopMemberCase


@tagged("post_install", "-at_install")
class TestGuestCheckout(ShopMemberCase):
    """A guest fills in the checkout's address form: the customer Odoo
    creates comes from the online shop, and a guest typing a member's phone
    or email orders as a new customer flagged as a possible duplicate of the
    member, never with the member's points."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member.write({"email": "li.na@example.com", "phone": "+86 180 4365 6607"})
        cls.card._crm_set_tier(cls.gold, "manual", "Test")
        points_flow(cls.env["loyalty.history"]).create(
            {"card_id": cls.card.id, "description": "Welcome points", "issued": 300}
        )
        points_flow(cls.card).points = 300
        cls.env.company.crm_duplicate_policy = "block"

    def _guest_checkout(self, **address):
        """A visitor puts a melon in the cart and submits the address form."""
        self.authenticate(None, None)
        self.make_jsonrpc_request(
            "/shop/cart/add",
            {
                "product_template_id": self.melon.product_tmpl_id.id,
                "product_id": self.melon.id,
                "quantity": 1,
            },
        )
        response = self.url_open(
            "/shop/address/submit",
            data={
                "name": "Li Na",
                "email": "guest@example.com",
                "phone": "+86 139 0000 1111",
                "street": "南京路 100 号",
                "city": "上海",
                "zip": "200001",
                "country_id": self.env.ref("base.cn").id,
                "address_type": "billing",
                "use_delivery_as_billing": "true",
                "csrf_token": http.Request.csrf_token(self),
                **address,
            },
        )
        cart = self.env["sale.order"].search(
            [("order_line.product_id", "=", self.melon.id)], order="id desc", limit=1
        )
        return response.json(), cart

    def test_guest_comes_from_the_online_shop(self):
        feedback, cart = self._guest_checkout()
        self.assertIn("redirectUrl", feedback)
        self.assertEqual(cart.partner_id.email, "guest@example.com")
        self.assertEqual(cart.partner_id.crm_source_channel, "online_shop")
        self.assertFalse(cart.partner_id.crm_duplicate_reason)

    def test_guest_with_a_member_s_phone_orders_as_a_new_customer(self):
        feedback, cart = self._guest_checkout(phone="180 4365 6607")
        self.assertIn("redirectUrl", feedback)
        guest = cart.partner_id
        self.assertNotEqual(guest, self.member)
        self.assertEqual(guest.crm_source_channel, "online_shop")
        self.assertEqual(guest.crm_duplicate_ids, self.member)
        self.assertTrue(guest.crm_duplicate_reason)
        self.assertIn(
            "Created although it may duplicate an existing customer",
            guest.message_ids[:1].body,
        )
        self.assertIn(
            guest,
            self.env["crm.partner.duplicate"]
            .search([("match_key", "=", "+8618043656607")])
            .partner_id,
        )

    def test_guest_with_a_member_s_email_gets_no_member_benefit(self):
        self.env.company.crm_duplicate_policy = "warn"
        _feedback, cart = self._guest_checkout(email="LI.NA@example.com")
        self.assertNotEqual(cart.partner_id, self.member)
        self.assertEqual(cart.partner_id.crm_duplicate_ids, self.member)
        # neither the member's card nor the Gold tier's pricelist
        self.assertFalse(cart.applied_coupon_ids)
        self.assertNotEqual(cart.pricelist_id, self.gold_pricelist)
        self.assertEqual(cart.amount_untaxed, 100.0)
        self.assertEqual(self.card.points, 300)
