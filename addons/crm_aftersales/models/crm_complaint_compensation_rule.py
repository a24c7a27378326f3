# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from .helpdesk_ticket import SEVERITIES


def is_positive_amount(amount):
    """A finite amount of at least one cent (or point): SQL checks of
    ``amount > 0`` let NaN and infinity through, and amounts that round to
    zero."""
    return math.isfinite(amount) and float_compare(amount, 0.0, precision_digits=2) > 0


COMPENSATION_TYPES = [
    ("coupon", "Coupon"),
    ("points", "Loyalty Points"),
    ("reissue", "Product Reissue"),
    ("refund", "Refund"),
]


class CrmComplaintCompensationRule(models.Model):
    """One cell of the compensation matrix: category × severity × tier."""

    _name = "crm.complaint.compensation.rule"
    _description = "Compensation Matrix Line"
    _order = "category_id, severity, tier_id, id"
    _check_company_auto = True

    active = fields.Boolean(default=True)
    category_id = fields.Many2one(
        "helpdesk.ticket.category", required=True, ondelete="cascade"
    )
    severity = fields.Selection(SEVERITIES, required=True, default="minor")
    tier_id = fields.Many2one(
        "crm.membership.tier",
        ondelete="cascade",
        help="Empty: customers of any tier, or without one.",
    )
    compensation_type = fields.Selection(
        COMPENSATION_TYPES, string="Proposal", required=True, default="coupon"
    )
    amount = fields.Float(
        required=True,
        help="Coupon value or refund in the company currency, points, or "
        "quantity of product reissued.",
    )
    cap_amount = fields.Float(
        string="Cap",
        required=True,
        help="Staff may raise the proposal up to this amount; above it a "
        "manager approves.",
    )
    product_id = fields.Many2one(
        "product.product", string="Product to Reissue", check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    _amounts_positive = models.Constraint(
        "CHECK(amount > 0 AND cap_amount >= amount)",
        "A compensation proposal must be positive and not above its cap.",
    )

    @api.constrains("amount", "cap_amount")
    def _check_amounts(self):
        for rule in self:
            if not is_positive_amount(rule.amount):
                raise ValidationError(
                    self.env._(
                        "Amount: enter a proposal greater than zero in the line "
                        "for %(category)s, not %(amount)s.",
                        category=rule.category_id.display_name,
                        amount=rule.amount,
                    )
                )
            if not math.isfinite(rule.cap_amount):
                raise ValidationError(
                    self.env._(
                        "Cap: enter the amount above which a manager approves, in "
                        "the line for %(category)s, not %(cap)s.",
                        category=rule.category_id.display_name,
                        cap=rule.cap_amount,
                    )
                )

    @api.constrains("compensation_type", "product_id")
    def _check_product_id(self):
        for rule in self:
            if rule.compensation_type == "reissue" and not rule.product_id:
                raise ValidationError(
                    self.env._(
                        "Product to Reissue: choose the product a reissue gives, "
                        "in the line for %(category)s.",
                        category=rule.category_id.display_name,
                    )
                )

    @api.model
    def _find(self, category, severity, tier, company):
        """The line for the tier, else the line for any tier."""
        rules = self.search(
            [
                ("company_id", "=", company.id),
                ("category_id", "=", category.id),
                ("severity", "=", severity),
                ("tier_id", "in", [tier.id, False]),
            ]
        )
        return rules.filtered("tier_id")[:1] or rules[:1]
