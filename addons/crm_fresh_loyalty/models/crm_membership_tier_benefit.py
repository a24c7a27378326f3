# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

DISCOUNT_FIELDS = {"discount_percent", "pricelist_id"}


class CrmMembershipTier(models.Model):
    """The tier's discount is a rule of the tier's pricelist.

    Odoo's pricelists stay the single source of the members' prices: a tier
    with a discount gets a pricelist (one is created when it has none) whose
    catch-all rule, a percentage off the sales price of all products, is kept
    in step with the discount. Products with a rule of their own on that
    pricelist keep their price. Members buy at their tier's pricelist (see
    ``product.pricelist._get_partner_pricelist_multi``), so the shop,
    quotations and the POS all compute the same member price.
    """

    _inherit = "crm.membership.tier"  # pylint: disable=consider-merging-classes-inherited

    discount_percent = fields.Float(
        help="Percentage off the sales price for the tier's members, on every "
        "product without a price of its own on the tier's pricelist. It is a "
        "rule of the tier's pricelist (created when the tier has none), so the "
        "shop, quotations and the POS apply it."
    )
    free_delivery = fields.Boolean(
        help="The tier's members ship for free in the online shop."
    )
    priority_service = fields.Boolean(
        help="Complaints of the tier's members get one priority level more."
    )

    @api.model_create_multi
    def create(self, vals_list):
        tiers = super().create(vals_list)
        tiers.filtered(
            lambda tier: tier.discount_percent or tier.pricelist_id
        )._crm_sync_discount_rules()
        return tiers

    def write(self, vals):
        res = super().write(vals)
        if not DISCOUNT_FIELDS.isdisjoint(vals):
            self._crm_sync_discount_rules()
            # The members' pricelist is computed from their tier's.
            self.env["res.partner"].invalidate_model(["property_product_pricelist"])
        return res

    def _crm_sync_discount_rules(self):
        """Create, update or remove the discount rule of each tier."""
        self.filtered(
            lambda tier: tier.discount_percent and not tier.pricelist_id
        )._crm_create_pricelists()
        # sudo: tiers are configured by customer care managers, who may not
        # edit pricelists; the rule only mirrors the tier's discount.
        Rule = (
            self.env["product.pricelist.item"].sudo().with_context(crm_tier_sync=True)
        )
        rule_by_tier = {
            rule.crm_tier_id: rule
            for rule in Rule.search([("crm_tier_id", "in", self.ids)])
        }
        obsolete = Rule
        new_rules = []
        for tier in self:
            rule = rule_by_tier.get(tier, Rule)
            if not tier.discount_percent:
                obsolete |= rule
            elif rule:
                rule.write(tier._crm_discount_rule_values())
            else:
                new_rules.append(tier._crm_discount_rule_values())
        obsolete.unlink()
        Rule.create(new_rules)
        if self.filtered("pricelist_id"):
            self._crm_activate_pricelists()

    def _crm_create_pricelists(self):
        Pricelist = self.env["product.pricelist"].sudo()
        for tier in self:
            tier.pricelist_id = Pricelist.create(
                {
                    "name": self.env._("%(tier)s members", tier=tier.name),
                    "company_id": tier.company_id.id,
                    "currency_id": tier.currency_id.id,
                }
            )

    def _crm_discount_rule_values(self):
        self.ensure_one()
        return {
            "crm_tier_id": self.id,
            "pricelist_id": self.pricelist_id.id,
            "applied_on": "3_global",
            "compute_price": "percentage",
            "base": "list_price",
            "percent_price": self.discount_percent,
        }

    @api.model
    def _crm_activate_pricelists(self):
        """Members' prices need Odoo's pricelists: switch them on, as Odoo
        does when a second currency is activated."""
        if self.env["res.groups"]._is_feature_enabled(
            "product.group_product_pricelist"
        ):
            return
        group_user = self.env.ref("base.group_user").sudo()
        group_user._apply_group(self.env.ref("product.group_product_pricelist"))
        self.env["res.company"].sudo()._activate_or_create_pricelists()
