# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.http import request, route

from odoo.addons.website_sale.controllers.cart import Cart
from odoo.addons.website_sale.controllers.main import WebsiteSale


def _shop_recommendations(exclude):
    """The recommendations of the logged-in customer, none for a visitor."""
    if request.website.is_public_user():
        return request.env["product.product"]
    return request.env.user.partner_id.crm_shop_recommendations(
        request.website, exclude=exclude
    )


class CrmRecommendationCart(Cart):
    def _cart_values(self, **post):
        values = super()._cart_values(**post)
        cart_products = request.cart.order_line.product_id if request.cart else None
        values["crm_recommendations"] = _shop_recommendations(cart_products)
        return values

    @route(
        "/shop/crm_recommendation/add",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def crm_add_recommendation(self, product_id, **post):
        """Add a recommended product to the cart, and log the offer."""
        product = request.env["product.product"].browse(int(product_id)).exists()
        recommended = _shop_recommendations(None)
        if product not in recommended:
            raise UserError(
                request.env._(
                    "This product is not among your recommendations: add it to "
                    "the cart from its page."
                )
            )
        order_sudo = request.cart or request.website._create_cart()
        order_sudo._cart_add(product_id=product.id, quantity=1)
        order_sudo._crm_log_recommended_offers(product, "ecommerce")
        return request.redirect("/shop/cart")


class CrmRecommendationShop(WebsiteSale):
    def _prepare_product_values(self, product, category, **kwargs):
        values = super()._prepare_product_values(product, category, **kwargs)
        values["crm_recommendations"] = _shop_recommendations(
            product.product_variant_ids
        )
        return values
