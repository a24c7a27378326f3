# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmMembershipTier(models.Model):
    _inherit = "crm.membership.tier"

    free_delivery = fields.Boolean(
        help="The tier's members ship for free in the online shop."
    )
