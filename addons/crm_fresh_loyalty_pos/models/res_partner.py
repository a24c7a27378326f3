# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.crm_fresh_loyalty.models.res_partner_privacy import (
    mask_contact_address,
    mask_email,
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    crm_tier_name = fields.Char(related="crm_tier_id.name", string="Tier Name")

    @api.model
    def _load_pos_data_fields(self, config):
        # The cashier tells the member their tier, balance and the points
        # about to expire at the till.
        return [
            *super()._load_pos_data_fields(config),
            "crm_tier_id",
            "crm_tier_name",
            "crm_points",
            "crm_points_expiring",
            "crm_next_expiry_date",
        ]

    def _crm_personal_data_maskers(self):
        return {
            **super()._crm_personal_data_maskers(),
            "pos_contact_address": mask_contact_address,
            "invoice_emails": lambda partner, value: mask_email(value),
        }
