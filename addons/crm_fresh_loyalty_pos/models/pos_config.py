# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class PosConfig(models.Model):
    _inherit = "pos.config"

    def _get_available_pricelists(self):
        """The POS also loads the pricelists of the membership tiers.

        When the cashier sets a customer, the POS switches the order to the
        customer's pricelist if it knows it, so members buy at their tier's
        prices at the counter too. The cashier's pricelist choice still only
        offers the pricelists of the POS settings.
        """
        pricelists = super()._get_available_pricelists()
        tier_pricelists = (
            self.env["crm.membership.tier"]
            .search([("pricelist_id", "!=", False)])
            .pricelist_id.filtered(
                lambda pricelist: (
                    pricelist.currency_id == self.currency_id
                    and (
                        not pricelist.company_id
                        or pricelist.company_id == self.company_id
                    )
                )
            )
        )
        return pricelists | tier_pricelists
