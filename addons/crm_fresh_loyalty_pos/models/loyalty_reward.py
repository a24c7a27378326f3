# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class LoyaltyReward(models.Model):
    _inherit = "loyalty.reward"

    @api.model
    def _load_pos_data_fields(self, config):
        # the till lists the rewards of the points mall
        return [*super()._load_pos_data_fields(config), "crm_mall_type"]
