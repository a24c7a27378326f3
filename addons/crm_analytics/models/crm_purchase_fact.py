# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class CrmPurchaseFact(models.Model):
    _inherit = "crm.purchase.fact"

    @api.model
    def _crm_demo_purchases_added(self, company_id):
        """Demo data: the year of analytics computed again with the
        purchases that a bridge installed after this addon has added (its
        POS or online orders), which the demo history would otherwise
        miss."""
        res = super()._crm_demo_purchases_added(company_id)
        self.env["crm.customer.analytics"]._crm_demo_compute_history(company_id)
        return res
