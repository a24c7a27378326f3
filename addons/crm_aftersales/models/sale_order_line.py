# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def action_crm_aftersales_request(self):
        """Open a complaint, a return or both about this line."""
        self.ensure_one()
        return self.env["crm.aftersales.request"]._crm_open(
            self.env["crm.aftersales.request"]._crm_line_values(self)
        )
