# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import ValidationError


class LoyaltyCardUpdateBalance(models.TransientModel):
    """Odoo's *Balance* dialog, on a loyalty card: the manager's adjustment.

    The new balance becomes the difference to the balance of the moment
    (read under the card's lock), applied by
    :meth:`loyalty.card._crm_adjust_points` with the description as its
    reason: managers only, within the program's limit, on the ledger.
    """

    _inherit = "loyalty.card.update.balance"

    def action_update_card_point(self):
        card = self.card_id
        if not card._crm_ledger_cards():
            return super().action_update_card_point()
        self.ensure_one()
        card._crm_check_adjust_access()
        card._crm_lock_points()
        if self.new_balance < 0:
            raise ValidationError(
                self.env._(
                    "New Balance: card %(card)s cannot hold fewer than 0 points.",
                    card=card._crm_label(),
                )
            )
        card._crm_adjust_points(self.new_balance - card.points, self.description)
        return {"type": "ir.actions.act_window_close"}
