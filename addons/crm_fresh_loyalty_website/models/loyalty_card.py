# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    def _crm_set_tier(self, tier, reason, note=False):
        """Give the members the pricelist of their new tier.

        The partner's pricelist is what the shop (and new quotations) use, so
        a member of a tier with a pricelist buys at the tier's prices. Leaving
        such a tier for one without a pricelist gives the default back, unless
        someone set another pricelist on the customer meanwhile.
        """
        old_pricelists = {
            card.partner_id: card.crm_tier_id.pricelist_id for card in self
        }
        history = super()._crm_set_tier(tier, reason, note=note)
        for company, cards in history.card_id.grouped("company_id").items():
            partners = cards.partner_id.sudo().with_company(company or self.env.company)
            if tier.pricelist_id:
                partners.write({"property_product_pricelist": tier.pricelist_id.id})
                continue
            partners.filtered(
                lambda partner: (
                    old_pricelists.get(partner)
                    and partner.specific_property_product_pricelist
                    == old_pricelists[partner]
                )
            ).write({"specific_property_product_pricelist": False})
        return history
