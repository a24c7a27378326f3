# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    crm_asks_satisfaction = fields.Boolean(
        string="Ask Satisfaction When Done",
        help="When an activity of this type on a customer is done and the "
        "customer was reached (a care visit), the customer receives the "
        "satisfaction survey on their preferred channel.",
    )
