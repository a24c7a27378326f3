# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    crm_mailing_ids = fields.One2many(
        "mailing.mailing", "crm_coupon_program_id", string="Campaigns"
    )

    def action_view_crm_effect(self):
        """The promotion effect of the campaigns that gave this program's
        coupons, recipients against control groups."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_campaign.crm_campaign_effect_action"
        )
        action["domain"] = [("program_id", "=", self.id)]
        return action
