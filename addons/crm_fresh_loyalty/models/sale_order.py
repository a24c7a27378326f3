# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from ..tools import points_flow


class SaleOrder(models.Model):
    """Orders move points through Odoo's own flows, in a sanctioned points
    flow (see :func:`~odoo.addons.crm_fresh_loyalty.tools.points_flow`):
    confirmation, cancellation (which reverses the order's ledger lines),
    rewards applied online or in the back office."""

    _inherit = "sale.order"

    def _program_check_compute_points(self, programs):
        """Multiply the points a tiered program gives by the member's tier,
        then round them down to the program's point rounding."""
        result = super()._program_check_compute_points(programs)
        tiered = programs.filtered("crm_tier_ids")
        if tiered and self.partner_id:
            cards = self.env["loyalty.card"]._crm_cards_of(self.partner_id, tiered)
            for card in cards.filtered("crm_tier_id"):
                status = result.get(card.program_id, {})
                multiplier = card.crm_tier_id.points_multiplier
                if "points" in status and multiplier != 1.0:
                    status["points"] = [
                        points * multiplier for points in status["points"]
                    ]
        for program in programs.filtered(lambda p: p.program_type == "loyalty"):
            status = result.get(program, {})
            if "points" in status:
                status["points"] = [
                    program._crm_round_points(points) for points in status["points"]
                ]
        return result

    def action_confirm(self):
        res = super(SaleOrder, points_flow(self)).action_confirm()
        self.env["loyalty.card"]._crm_evaluate_buyer_tiers(self.partner_id)
        return res

    def _action_cancel(self):
        return super(SaleOrder, points_flow(self))._action_cancel()

    def _update_programs_and_rewards(self):
        return super(SaleOrder, points_flow(self))._update_programs_and_rewards()

    def _apply_program_reward(self, reward, coupon, **kwargs):
        return super(SaleOrder, points_flow(self))._apply_program_reward(
            reward, coupon, **kwargs
        )

    def _update_loyalty_history(self, coupon_id, points):
        """A reward added to a confirmed order: a redeemed line of its own
        (Odoo adds the points to the order's line, the ledger never changes
        a line)."""
        if not coupon_id._crm_ledger_cards():
            return super()._update_loyalty_history(coupon_id, points)
        self.ensure_one()
        return (
            points_flow(self.env["loyalty.history"])
            .sudo()
            .create(
                {
                    "card_id": coupon_id.id,
                    "order_model": self._name,
                    "order_id": self.id,
                    "crm_move_type": "redeemed",
                    "description": self.env._(
                        "Order %(order)s", order=self.display_name
                    ),
                    "used": points,
                }
            )
        )
