# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

PRIORITIES = [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")]


class HelpdeskTicketCategory(models.Model):
    _inherit = "helpdesk.ticket.category"

    crm_priority = fields.Selection(
        PRIORITIES,
        string="Complaint Priority",
        default="1",
        required=True,
        help="Priority of a complaint of this category from a customer of the "
        "lowest tier; each higher tier raises it by one level.",
    )
    crm_keyword_ids = fields.One2many(
        "crm.complaint.keyword", "category_id", string="Classification Keywords"
    )
