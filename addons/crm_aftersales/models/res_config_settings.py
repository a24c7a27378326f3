# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    rma_approval_amount = fields.Monetary(
        related="company_id.rma_approval_amount",
        currency_field="currency_id",
        readonly=False,
    )
