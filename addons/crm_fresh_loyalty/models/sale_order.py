# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _program_check_compute_points(self, programs):
        """Multiply the points a tiered program gives by the member's tier."""
        result = super()._program_check_compute_points(programs)
        tiered = programs.filtered("crm_tier_ids")
        if not tiered or not self.partner_id:
            return result
        cards = self.env["loyalty.card"].search(
            [
                ("partner_id", "=", self.partner_id.commercial_partner_id.id),
                ("program_id", "in", tiered.ids),
                ("crm_tier_id", "!=", False),
            ]
        )
        for card in cards:
            status = result.get(card.program_id, {})
            multiplier = card.crm_tier_id.points_multiplier
            if "points" in status and multiplier != 1.0:
                status["points"] = [points * multiplier for points in status["points"]]
        return result

    def action_confirm(self):
        res = super().action_confirm()
        self.env["loyalty.card"]._crm_evaluate_buyer_tiers(self.partner_id)
        return res
