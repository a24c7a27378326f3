# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        # A refund compensation is issued once its credit note is posted.
        refunds = posted.filtered(lambda move: move.move_type == "out_refund")
        if refunds:
            self.env["crm.complaint.compensation"]._mark_received(
                [("refund_move_id", "in", refunds.ids)]
            )
        return posted
