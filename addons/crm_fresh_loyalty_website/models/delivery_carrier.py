# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class DeliveryCarrier(models.Model):
    _inherit = "delivery.carrier"

    def rate_shipment(self, order):
        """Members of a tier with free delivery ship for free.

        Like Odoo's "free over an amount", the rate keeps the carrier's real
        price in ``carrier_price`` and says why the shipping is free.
        """
        res = super().rate_shipment(order)
        # sudo: the shipping a customer pays does not depend on who reads it;
        # the shop rates carts as the customer, who cannot read loyalty cards.
        tier = (
            order.partner_id.commercial_partner_id.sudo()
            .with_company(order.company_id)
            .crm_tier_id
        )
        if res["success"] and res["price"] and tier.free_delivery:
            res["price"] = 0.0
            res["warning_message"] = self.env._(
                "The shipping is free: a benefit of your %(tier)s membership.",
                tier=tier.name,
            )
        return res
