# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    crm_recommended = fields.Boolean(
        string="Recommended",
        readonly=True,
        help="Added from the customer's recommendations on the till's customer card.",
    )

    @api.model
    def _load_pos_data_fields(self, config):
        return [*super()._load_pos_data_fields(config), "crm_recommended"]
