# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# Recommendations on the till's customer card
POS_RECOMMENDATIONS = 3


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.readonly
    def crm_pos_customer_card(self, config_id):
        """Add ``recommendations``: the customer's best recommendations the
        till sells, each added to the order in one tap."""
        card = super().crm_pos_customer_card(config_id)
        config = self.env["pos.config"].browse(config_id)
        # sudo: recommendations are an analytics report; the cashier sees
        # those of the customer they serve (access checked by super).
        recommendations_sudo = (
            self.env["crm.product.recommendation"]
            .sudo()
            ._crm_for_customer(self, config.company_id)
            .filtered(
                lambda r: (
                    r.product_id.available_in_pos
                    and r.product_id.sale_ok
                    and r.product_id.active
                )
            )[:POS_RECOMMENDATIONS]
        )
        card["recommendations"] = [
            {
                "product_id": recommendation.product_id.id,
                "product_tmpl_id": recommendation.product_id.product_tmpl_id.id,
                "name": recommendation.product_id.display_name,
            }
            for recommendation in recommendations_sudo
        ]
        return card
