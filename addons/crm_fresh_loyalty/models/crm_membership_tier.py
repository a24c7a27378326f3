# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

DISCOUNT_FIELDS = {"discount_percent", "pricelist_id"}
THRESHOLD_FIELDS = (("keep_spend", "qualify_spend"), ("keep_points", "qualify_points"))


class CrmMembershipTier(models.Model):
    """A membership tier (会员等级) of a loyalty program.

    A customer reaches the tier when the spend and/or the points earned over
    the program's rolling window reach the qualifying thresholds, and keeps it
    while they stay above the (lower) keep thresholds. Redeemed or expired
    points never count against a tier: only points earned qualify.

    The tier's discount is a rule of the tier's pricelist. Odoo's pricelists
    stay the single source of the members' prices: a tier with a discount gets
    a pricelist (one is created when it has none) whose catch-all rule, a
    percentage off the sales price of all products, is kept in step with the
    discount. Products with a rule of their own on that pricelist keep their
    price. Members buy at their tier's pricelist (see
    ``product.pricelist._get_partner_pricelist_multi``), so the shop,
    quotations and the POS all compute the same member price.

    Addons that add a benefit to the tiers (priority service with after-sales,
    free delivery with the online shop) declare its field and extend
    :meth:`_crm_portal_benefits`.
    """

    _name = "crm.membership.tier"
    _description = "Membership Tier"
    _order = "program_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="Tiers rank from the lowest to the highest sequence."
    )
    active = fields.Boolean(default=True)
    program_id = fields.Many2one(
        "loyalty.program",
        string="Loyalty Program",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('program_type', '=', 'loyalty')]",
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    currency_id = fields.Many2one(related="program_id.currency_id")
    color = fields.Integer()
    qualify_operator = fields.Selection(
        [("or", "Either threshold"), ("and", "Both thresholds")],
        string="Qualify When",
        default="or",
        required=True,
        help="With both a spend and a points threshold: whether reaching one of "
        "them is enough, or both are needed.",
    )
    qualify_spend = fields.Monetary(
        string="Qualifying Spend",
        currency_field="currency_id",
        help="Net spend over the rolling window that reaches this tier. "
        "0 means spend does not qualify.",
    )
    qualify_points = fields.Float(
        string="Qualifying Points",
        help="Points earned over the rolling window that reach this tier. "
        "0 means points do not qualify.",
    )
    keep_spend = fields.Monetary(
        string="Spend to Keep",
        currency_field="currency_id",
        help="Lower spend threshold under which the tier is lost after the grace "
        "period. 0 means the qualifying spend.",
    )
    keep_points = fields.Float(
        string="Points to Keep",
        help="Lower points threshold under which the tier is lost after the "
        "grace period. 0 means the qualifying points.",
    )
    grace_days = fields.Integer(
        string="Grace Period (days)",
        default=30,
        help="Days a member stays in the tier after falling under the keep "
        "thresholds, before the daily evaluation downgrades them.",
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        check_company=True,
        help="Pricelist of the tier's members.",
    )
    discount_percent = fields.Float(
        string="Discount (%)",
        help="Percentage off the sales price for the tier's members, on every "
        "product without a price of its own on the tier's pricelist. It is a "
        "rule of the tier's pricelist (created when the tier has none), so the "
        "shop, quotations and the POS apply it.",
    )
    points_multiplier = fields.Float(
        default=1.0, help="Points earned by members of the tier are multiplied by it."
    )
    birthday_gift = fields.Char(help="The birthday gift of the tier's members.")
    birthday_program_id = fields.Many2one(
        "loyalty.program",
        string="Birthday Coupon",
        check_company=True,
        domain="[('program_type', '=', 'coupons')]",
        help="Each member of the tier gets a coupon of this program on their "
        "birthday, once a year, named in the birthday greeting. The coupon is "
        "redeemed like any coupon of the program: at the till and online.",
    )
    member_count = fields.Integer(compute="_compute_member_count")

    _qualify_spend_positive = models.Constraint(
        "CHECK(qualify_spend >= 0 AND keep_spend >= 0)",
        "Spend thresholds of a tier cannot be negative.",
    )
    _qualify_points_positive = models.Constraint(
        "CHECK(qualify_points >= 0 AND keep_points >= 0)",
        "Points thresholds of a tier cannot be negative.",
    )
    _grace_days_positive = models.Constraint(
        "CHECK(grace_days >= 0)", "The grace period of a tier cannot be negative."
    )
    _discount_percent_range = models.Constraint(
        "CHECK(discount_percent >= 0 AND discount_percent <= 100)",
        "The discount of a tier must be between 0 and 100%.",
    )
    _points_multiplier_positive = models.Constraint(
        "CHECK(points_multiplier > 0)", "The points multiplier must be positive."
    )

    def _compute_member_count(self):
        counts = dict(
            self.env["loyalty.card"]._read_group(
                [("crm_tier_id", "in", self.ids)], ["crm_tier_id"], ["__count"]
            )
        )
        for tier in self:
            tier.member_count = counts.get(tier, 0)

    @api.constrains(
        "sequence",
        "active",
        "program_id",
        "qualify_spend",
        "qualify_points",
        "keep_spend",
        "keep_points",
    )
    def _check_thresholds(self):
        for program in self.program_id:
            previous = None
            for tier in program.crm_tier_ids:  # active tiers, by sequence
                tier._check_own_thresholds()
                if previous:
                    tier._check_against_lower_tier(previous)
                previous = tier

    def _check_own_thresholds(self):
        self.ensure_one()
        if not self.qualify_spend and not self.qualify_points:
            raise ValidationError(
                self.env._(
                    "Tier %(tier)s: set a Qualifying Spend or Qualifying Points "
                    "greater than zero, otherwise nobody can reach it.",
                    tier=self.name,
                )
            )
        for keep_field, qualify_field in THRESHOLD_FIELDS:
            keep, qualify = self[keep_field], self[qualify_field]
            if keep > qualify:
                raise ValidationError(
                    self.env._(
                        "Tier %(tier)s: %(field)s (%(keep)s) cannot be higher than "
                        "the qualifying threshold (%(qualify)s).",
                        tier=self.name,
                        field=self._field_label(keep_field),
                        keep=keep,
                        qualify=qualify,
                    )
                )

    def _field_label(self, field_name):
        return self._fields[field_name]._description_string(self.env)

    def _check_against_lower_tier(self, lower):
        self.ensure_one()
        if self.sequence == lower.sequence:
            raise ValidationError(
                self.env._(
                    "Tiers %(tier)s and %(lower)s have the same Sequence: give "
                    "each tier of a program its own rank.",
                    tier=self.name,
                    lower=lower.name,
                )
            )
        for keep_field, qualify_field in THRESHOLD_FIELDS:
            label = self._field_label(qualify_field)
            if not lower[qualify_field]:
                continue
            if self[qualify_field] and self[qualify_field] <= lower[qualify_field]:
                raise ValidationError(
                    self.env._(
                        "Tier %(tier)s: %(field)s (%(value)s) must be higher than "
                        "that of the lower tier %(lower)s (%(lower_value)s).",
                        tier=self.name,
                        field=label,
                        value=self[qualify_field],
                        lower=lower.name,
                        lower_value=lower[qualify_field],
                    )
                )
            keep = self[keep_field] or self[qualify_field]
            if keep and keep <= lower[qualify_field]:
                raise ValidationError(
                    self.env._(
                        "Tier %(tier)s overlaps the lower tier %(lower)s: its keep "
                        "threshold (%(keep)s) must be higher than the %(field)s of "
                        "%(lower)s (%(lower_value)s).",
                        tier=self.name,
                        lower=lower.name,
                        keep=keep,
                        field=label,
                        lower_value=lower[qualify_field],
                    )
                )

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "loyalty.loyalty_card_action"
        )
        action["domain"] = [("crm_tier_id", "=", self.id)]
        action["context"] = {}
        return action

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

    def _crm_portal_benefits(self):
        """The benefits of the tier that come from other addons, as the
        customer's portal lists them: ``(icon, text)`` pairs, the icon a Font
        Awesome class. Addons that add a benefit extend it."""
        self.ensure_one()
        return []
