# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmTierSetWizard(models.TransientModel):
    _name = "crm.tier.set.wizard"
    _description = "Set Membership Tier"

    card_id = fields.Many2one("loyalty.card", required=True, readonly=True)
    program_id = fields.Many2one(related="card_id.program_id")
    current_tier_id = fields.Many2one(
        related="card_id.crm_tier_id", string="Current Tier"
    )
    tier_id = fields.Many2one(
        "crm.membership.tier",
        string="New Tier",
        domain="[('program_id', '=', program_id)]",
        help="Leave empty to take the member out of every tier.",
    )
    reason = fields.Text(required=True)

    @api.constrains("card_id", "tier_id")
    def _check_tier_id(self):
        for wizard in self:
            if wizard.tier_id and wizard.tier_id.program_id != wizard.program_id:
                raise ValidationError(
                    self.env._(
                        "New Tier: %(tier)s is a tier of %(tier_program)s; choose a "
                        "tier of %(program)s, the program of the card.",
                        tier=wizard.tier_id.name,
                        tier_program=wizard.tier_id.program_id.name,
                        program=wizard.program_id.name,
                    )
                )

    def action_apply(self):
        self.ensure_one()
        if not (self.reason or "").strip():
            raise ValidationError(
                self.env._("Reason: say why you set the tier by hand.")
            )
        if self.tier_id == self.card_id.crm_tier_id:
            raise ValidationError(
                self.env._(
                    "New Tier: the member is already in %(tier)s; choose another tier.",
                    tier=self.tier_id.name or self.env._("no tier"),
                )
            )
        self.card_id._crm_set_tier(self.tier_id, "manual", note=self.reason.strip())
        return {"type": "ir.actions.act_window_close"}
