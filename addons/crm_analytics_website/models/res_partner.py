# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# Recommendations suggested on a page of the shop
SHOP_RECOMMENDATIONS = 4


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.private
    def crm_shop_recommendations(self, website, exclude=None):
        """The products the shop suggests to the logged-in customer ``self``:
        their best recommendations the website sells, leaving out the
        products of ``exclude`` (the cart's, the product shown)."""
        self.ensure_one()
        # sudo: recommendations are an analytics report; a customer sees the
        # products recommended to themselves (the caller's own partner).
        recommendations_sudo = (
            self.env["crm.product.recommendation"]
            .sudo()
            ._crm_for_customer(self, website.company_id, exclude=exclude)
        )
        return recommendations_sudo.product_id.with_env(self.env).filtered(
            lambda product: product._is_add_to_cart_allowed()
        )[:SHOP_RECOMMENDATIONS]
