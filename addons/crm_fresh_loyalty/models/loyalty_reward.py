# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

MALL_TYPES = [
    ("coupon", "Coupon or voucher"),
    ("donation", "Donation"),
]


class LoyaltyReward(models.Model):
    """Rewards of a loyalty program in its points mall (积分商城).

    A reward of a loyalty program is claimed on an order (online, in the back
    office, at the till) as Odoo does. A reward of the points mall can also
    be redeemed without an order, from the member's portal or by a cashier
    for the selected member (:meth:`loyalty.card._crm_redeem_mall_reward`):
    its points are taken from the card with a *Redeemed* ledger line, and
    the member gets a coupon of :attr:`crm_mall_coupon_program_id` (a
    discount coupon or a product voucher) to use later, or the points go to
    a donation, recorded by the ledger line itself.
    """

    _inherit = "loyalty.reward"

    crm_mall_type = fields.Selection(
        MALL_TYPES,
        string="Points Mall",
        help="Members exchange their points for this reward in the points "
        "mall: for a coupon or voucher they use later online or at the till, "
        "or for a donation. Empty: the reward is only claimed on an order.",
    )
    crm_mall_coupon_program_id = fields.Many2one(
        "loyalty.program",
        string="Coupon Issued",
        domain=[("program_type", "=", "coupons")],
        ondelete="restrict",
        help="Coupon program whose coupon a member gets for the points: its "
        "rules and reward say what the coupon is worth (an amount off an "
        "order from a minimum, a free product).",
    )
    crm_mall_coupon_validity_days = fields.Integer(
        string="Coupon Valid (days)",
        default=30,
        help="The coupon issued for the points can be used for this many days.",
    )

    _crm_mall_coupon_validity_positive = models.Constraint(
        "CHECK(crm_mall_coupon_validity_days > 0)",
        "The validity of a points mall coupon must be at least one day.",
    )

    @api.constrains("crm_mall_type", "crm_mall_coupon_program_id", "program_id")
    def _check_crm_mall(self):
        for reward in self.filtered("crm_mall_type"):
            if reward.program_id.program_type != "loyalty":
                raise ValidationError(
                    self.env._(
                        "Points Mall: %(reward)s belongs to %(program)s, which "
                        "is not a loyalty program; only rewards bought with "
                        "loyalty points are in the points mall.",
                        reward=reward.description,
                        program=reward.program_id.name,
                    )
                )
            if reward.crm_mall_type == "coupon" and not (
                reward.crm_mall_coupon_program_id
            ):
                raise ValidationError(
                    self.env._(
                        "Coupon Issued: choose the coupon program whose coupon "
                        "members get for %(reward)s.",
                        reward=reward.description,
                    )
                )

    def _crm_mall_coupon_points(self):
        """Points a coupon of the mall's coupon program is issued with: what
        its cheapest reward needs, one use."""
        self.ensure_one()
        rewards = self.crm_mall_coupon_program_id.reward_ids
        return min(rewards.mapped("required_points") or [1.0])
