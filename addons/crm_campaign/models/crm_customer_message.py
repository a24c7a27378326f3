# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CrmCustomerMessage(models.Model):
    _inherit = "crm.customer.message"

    mailing_id = fields.Many2one(
        "mailing.mailing",
        string="Campaign",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
