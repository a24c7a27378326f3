# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ProductPricelistItem(models.Model):
    _inherit = "product.pricelist.item"

    crm_tier_id = fields.Many2one(
        "crm.membership.tier",
        string="Membership Tier",
        readonly=True,
        index="btree_not_null",
        ondelete="cascade",
        help="The tier whose discount this rule gives; it follows the tier's "
        "Discount (%).",
    )

    _crm_tier_unique = models.UniqueIndex(
        "(crm_tier_id) WHERE crm_tier_id IS NOT NULL",
        "A membership tier has one discount rule.",
    )

    @api.constrains(
        "crm_tier_id",
        "pricelist_id",
        "applied_on",
        "compute_price",
        "base",
        "percent_price",
    )
    def _check_crm_tier_discount(self):
        for rule in self.filtered("crm_tier_id"):
            if not rule._crm_follows_tier():
                raise ValidationError(
                    self.env._(
                        "This rule gives the members of tier %(tier)s their "
                        "discount: change the Discount (%%) or the Pricelist on "
                        "the tier instead (Customer Care > Configuration > Tiers).",
                        tier=rule.crm_tier_id.display_name,
                    )
                )

    def _crm_follows_tier(self):
        """Whether the rule gives its tier's discount, as the tier sets it."""
        self.ensure_one()
        expected = self.crm_tier_id._crm_discount_rule_values()
        return all(
            (self[fname].id if self._fields[fname].type == "many2one" else self[fname])
            == value
            for fname, value in expected.items()
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_crm_tier_discount(self):
        if self.env.context.get("crm_tier_sync"):
            return
        rule = self.filtered("crm_tier_id")[:1]
        if rule:
            raise UserError(
                self.env._(
                    "This rule gives the members of tier %(tier)s their discount: "
                    "set the Discount (%%) of the tier to 0 to remove it.",
                    tier=rule.crm_tier_id.display_name,
                )
            )
