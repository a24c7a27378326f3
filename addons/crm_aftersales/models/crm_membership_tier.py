# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmMembershipTier(models.Model):
    _inherit = "crm.membership.tier"

    priority_service = fields.Boolean(
        help="Complaints of the tier's members get one priority level more."
    )

    def _crm_portal_benefits(self):
        benefits = super()._crm_portal_benefits()
        if self.priority_service:
            benefits.append(("fa-bolt", self.env._("Priority service")))
        return benefits
