# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResPartner(models.Model):
    """Cashiers see what the sale needs: the member's tier and points, and
    the contact details masked (unless they have the Personal Data group).
    Searching by phone or email still finds the customer: the search runs on
    the server, on the real values."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    def _crm_personal_data_masked_groups(self):
        return [
            *super()._crm_personal_data_masked_groups(),
            "point_of_sale.group_pos_user",
        ]
