# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    def action_crm_aftersales_request(self):
        """Open a complaint, a return or both about this line."""
        self.ensure_one()
        Request = self.env["crm.aftersales.request"]
        return Request._crm_open(Request._crm_pos_line_values(self))
