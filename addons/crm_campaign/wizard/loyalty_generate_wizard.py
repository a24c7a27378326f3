# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class LoyaltyGenerateWizard(models.TransientModel):
    _inherit = "loyalty.generate.wizard"

    crm_mailing_id = fields.Many2one(
        "mailing.mailing",
        string="Campaign",
        help="The campaign the coupons are generated for: each of its "
        "customers gets one.",
    )

    def _get_coupon_values(self, partner):
        values = super()._get_coupon_values(partner)
        if self.crm_mailing_id:
            values["crm_mailing_id"] = self.crm_mailing_id.id
        return values
