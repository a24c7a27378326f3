# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CrmInteractionLogWizard(models.TransientModel):
    _inherit = "crm.interaction.log.wizard"

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complaint",
        readonly=True,
        help="Logged from this complaint: a contact that reached the customer "
        "is its first response.",
    )

    @api.constrains("ticket_id", "partner_id")
    def _check_ticket_id(self):
        for wizard in self.filtered("ticket_id"):
            if wizard.ticket_id.commercial_partner_id != (
                wizard.partner_id.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "Customer: log the interaction about complaint "
                        "%(ticket)s with its customer %(customer)s.",
                        ticket=wizard.ticket_id.display_name,
                        customer=wizard.ticket_id.partner_id.display_name,
                    )
                )

    def action_log(self):
        res = super().action_log()
        ticket = self.ticket_id
        if ticket:
            types = dict(self._fields["outcome"]._description_selection(self.env))
            ticket.message_post(
                body=self.env._(
                    "%(type)s with the customer: %(summary)s (%(outcome)s).",
                    type=self.activity_type_id.name,
                    summary=self.summary,
                    outcome=types[self.outcome],
                ),
                subtype_xmlid="mail.mt_note",
            )
            if self.outcome != "not_reached":
                ticket._crm_set_first_response()
        return res
