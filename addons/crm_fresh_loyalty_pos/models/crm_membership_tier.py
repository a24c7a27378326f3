# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class CrmMembershipTier(models.Model):
    _name = "crm.membership.tier"
    _inherit = ("crm.membership.tier", "pos.load.mixin")

    @api.model
    def _load_pos_data_domain(self, data, config):
        return [("program_id", "in", config._get_program_ids().ids)]

    @api.model
    def _load_pos_data_fields(self, config):
        return ["name", "color", "program_id", "points_multiplier"]
