# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmPointsAdjustWizard(models.TransientModel):
    """Adjust a card's points by a difference, with a reason.

    Unlike Odoo's "update balance" wizard, which writes an absolute balance
    read earlier, it applies a difference to the balance of the moment, under
    a row lock: a redemption at the counter meanwhile is not overwritten.
    """

    _name = "crm.points.adjust.wizard"
    _description = "Adjust Loyalty Points"

    card_id = fields.Many2one("loyalty.card", required=True, readonly=True)
    current_points = fields.Float(related="card_id.points", string="Current Balance")
    points = fields.Float(
        string="Points to Add",
        required=True,
        help="Positive to add points, negative to take points away.",
    )
    reason = fields.Char(required=True)

    def action_apply(self):
        self.ensure_one()
        self.card_id._crm_adjust_points(self.points, self.reason)
        return {"type": "ir.actions.act_window_close"}
