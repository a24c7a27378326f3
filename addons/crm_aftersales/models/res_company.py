# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    rma_approval_amount = fields.Monetary(
        string="Return Approval Amount",
        currency_field="currency_id",
        default=200.0,
        help="Returns worth more than this amount wait for a customer care "
        "manager's approval after the inspection; cheaper ones go on at once.",
    )
