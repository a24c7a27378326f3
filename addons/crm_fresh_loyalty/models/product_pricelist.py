# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    crm_tier_ids = fields.One2many(
        "crm.membership.tier", "pricelist_id", string="Membership Tiers"
    )

    def _get_partner_pricelist_multi(self, partner_ids):
        """Members buy at the pricelist of their tier.

        This is where Odoo finds a customer's pricelist for the shop, new
        quotations and the POS. A pricelist set on the customer (a negotiated
        price) still comes first; the tier's pricelist comes before the
        country group and default pricelists.
        """
        result = super()._get_partner_pricelist_multi(partner_ids)
        if not self.env["res.groups"]._is_feature_enabled(
            "product.group_product_pricelist"
        ):
            return result
        company = self.env.company
        # sudo: the price a customer pays does not depend on who reads it, and
        # loyalty cards are not readable by every user (portal, POS).
        partners_sudo = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .browse(partner_ids)
        )
        for partner in partners_sudo:
            own = partner.specific_property_product_pricelist
            tier_pricelist = partner.crm_tier_id.pricelist_id
            if (
                not own._get_partner_pricelist_multi_filter_hook()
                and tier_pricelist._get_partner_pricelist_multi_filter_hook()
                and (
                    not tier_pricelist.company_id
                    or tier_pricelist.company_id == company
                )
            ):
                result[partner.id] = self.browse(tier_pricelist.id)
        return result

    def _get_partner_pricelist_multi_search_domain_hook(self, company_id):
        # A tier's pricelist is for its members, never the default of others.
        return [
            *super()._get_partner_pricelist_multi_search_domain_hook(company_id),
            ("crm_tier_ids", "=", False),
        ]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_crm_tier_pricelist(self):
        tier = self.with_context(active_test=False).sudo().crm_tier_ids[:1]
        if tier:
            raise UserError(
                self.env._(
                    "Pricelist %(pricelist)s gives the members of tier %(tier)s "
                    "their prices: give the tier another pricelist first.",
                    pricelist=tier.pricelist_id.display_name,
                    tier=tier.display_name,
                )
            )
