# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    @api.model
    def _update_foreign_keys(self, src_partners, dst_partner):
        # The website merges the customers' visitors first, with the rights
        # of the user; customer care managers merge customers (the merge
        # wizard of crm_fresh_loyalty checked that) but may not read website
        # visitors.
        wizard_sudo = self.sudo()
        return super(BasePartnerMergeAutomaticWizard, wizard_sudo)._update_foreign_keys(
            src_partners.sudo(), dst_partner.sudo()
        )
