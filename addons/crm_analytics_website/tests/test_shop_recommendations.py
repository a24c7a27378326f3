# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestShopRecommendations(HttpCase):
    """A logged-in member sees their recommendations in the shop, adds one
    to the cart, and buying it records a hit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.website = cls.env.ref("website.default_website")
        cls.member_user = new_test_user(
            cls.env, login="shop_member", groups="base.group_portal"
        )
        cls.member = cls.member_user.partner_id
        cls.apples, cls.pears, cls.hidden = cls.env["product.product"].create(
            [
                {"name": name, "list_price": 10.0, "is_published": published}
                for name, published in (
                    ("Fuji Apples", True),
                    ("Ya Pears", True),
                    ("Unpublished Plums", False),
                )
            ]
        )
        cls.env["crm.product.recommendation"].create(
            [
                {
                    "partner_id": cls.member.id,
                    "company_id": cls.website.company_id.id,
                    "product_id": product.id,
                    "rank": rank,
                }
                for rank, product in enumerate((cls.hidden, cls.pears), start=1)
            ]
        )

    def _add(self, product):
        return self.url_open(
            "/shop/crm_recommendation/add",
            data={
                "product_id": product.id,
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def _cart(self):
        return self.env["sale.order"].search(
            [("partner_id", "=", self.member.id), ("state", "=", "draft")]
        )

    def test_product_page_suggests_published_recommendations(self):
        self.authenticate("shop_member", "shop_member")
        page = self.url_open(self.apples.website_url).text
        self.assertIn("Recommended for you", page)
        self.assertIn("Ya Pears", page)
        self.assertNotIn("Unpublished Plums", page)

    def test_no_suggestion_to_a_visitor(self):
        page = self.url_open(self.apples.website_url).text
        self.assertNotIn("Recommended for you", page)

    def test_add_from_cart_then_buy_records_hit(self):
        self.authenticate("shop_member", "shop_member")
        self.assertIn("Ya Pears", self.url_open("/shop/cart").text)
        response = self._add(self.pears)
        self.assertTrue(response.url.endswith("/shop/cart"))
        cart = self._cart()
        self.assertEqual(cart.order_line.product_id, self.pears)
        # in the cart: no longer suggested there
        self.assertNotIn("o_crm_recommendation ", self.url_open("/shop/cart").text)
        log = self.env["crm.recommendation.log"].search(
            [("partner_id", "=", self.member.id)]
        )
        self.assertEqual(
            (log.channel, log.order_ref, log.bought_on),
            ("ecommerce", cart.name, False),
        )
        cart.action_confirm()
        self.assertTrue(log.bought_on)

    def test_add_refused_for_a_product_not_recommended(self):
        self.authenticate("shop_member", "shop_member")
        with mute_logger("odoo.http"):
            self._add(self.apples)
        self.assertFalse(self._cart().order_line)
        self.assertFalse(
            self.env["crm.recommendation.log"].search(
                [("partner_id", "=", self.member.id)]
            )
        )
