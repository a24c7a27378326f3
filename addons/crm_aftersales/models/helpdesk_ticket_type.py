# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HelpdeskTicketType(models.Model):
    _inherit = "helpdesk.ticket.type"

    crm_is_complaint = fields.Boolean(
        string="Complaint",
        help="Tickets of this type are customer complaints: they are classified, "
        "routed, followed under the complaint SLA and closed in a closed loop.",
    )
    crm_feedback_kind = fields.Selection(
        [("suggestion", "Suggestion"), ("praise", "Praise")],
        string="Feedback",
        help="Tickets of this type are a customer's suggestion or praise: "
        "counted by theme (category) in the feedback analysis and the "
        "monthly KPIs, not handled as complaints.",
    )
