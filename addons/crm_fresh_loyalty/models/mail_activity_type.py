# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    crm_is_interaction = fields.Boolean(
        string="Customer Interaction",
        help="Activities of this type are contacts with the customer (call, visit, "
        "message...): marking one done records its outcome and next step, and it "
        "is listed in the interactions report.",
    )
