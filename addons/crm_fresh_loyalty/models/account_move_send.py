# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from odoo.addons.crm_customer_privacy.models.res_partner import (
    recipient_copy_context,
)


class AccountMoveSend(models.AbstractModel):
    _inherit = "account.move.send"

    @api.model
    def _generate_and_send_invoices(self, moves, **kwargs):
        # The invoice PDF goes to the customer, and is kept as the invoice's
        # legal document: printed in clear even when a user who reads the
        # customer's data masked sends it (crm_customer_privacy).
        return super(
            AccountMoveSend, self.with_context(**recipient_copy_context())
        )._generate_and_send_invoices(moves, **kwargs)
