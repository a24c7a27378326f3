# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MgmtsystemAction(models.Model):
    """An improvement action (OCA ``mgmtsystem_action``: subject, owner,
    deadline, stage) answering a root cause found in complaints and returns:
    a cause, a lot, a supplier, a category, linked to the complaints and
    returns it answers.

    Closing it (stage *Closed*) requires the result, what was improved, and
    posts it on each linked complaint and return: their customers' cause is
    answered, the complaints keep their own closing (a resolution agreed
    with the customer)."""

    _inherit = "mgmtsystem.action"

    crm_cause_id = fields.Many2one(
        "crm.complaint.cause", string="Root Cause", tracking=True
    )
    crm_category_id = fields.Many2one(
        "helpdesk.ticket.category", string="Complaint Category", tracking=True
    )
    crm_product_id = fields.Many2one("product.product", string="Product")
    crm_lot_id = fields.Many2one("stock.lot", string="Lot", tracking=True)
    crm_supplier_id = fields.Many2one("res.partner", string="Supplier", tracking=True)
    crm_ticket_ids = fields.Many2many(
        "helpdesk.ticket",
        "mgmtsystem_action_helpdesk_ticket_rel",
        "action_id",
        "ticket_id",
        string="Complaints",
        domain=[("crm_is_complaint", "=", True)],
    )
    crm_rma_ids = fields.Many2many(
        "rma",
        "mgmtsystem_action_rma_rel",
        "action_id",
        "rma_id",
        string="Returns",
    )
    crm_result = fields.Text(
        string="Result",
        tracking=True,
        help="What was improved: required to close the action, posted on its "
        "complaints and returns and printed in the improvement report.",
    )
    crm_is_closed = fields.Boolean(
        string="Done", compute="_compute_crm_is_closed", store=True
    )

    @api.depends("stage_id")
    def _compute_crm_is_closed(self):
        closed = self.env.ref("mgmtsystem_action.stage_close", raise_if_not_found=False)
        for action in self:
            action.crm_is_closed = bool(closed) and action.stage_id == closed

    @api.constrains("stage_id", "crm_result")
    def _check_crm_result(self):
        for action in self:
            if action.crm_is_closed and not (action.crm_result or "").strip():
                raise ValidationError(
                    self.env._(
                        "Improvement action %(action)s cannot be closed yet: "
                        "fill in its Result, what was improved.",
                        action=action.display_name,
                    )
                )

    def write(self, vals):
        open_actions = self.filtered(lambda action: not action.crm_is_closed)
        res = super().write(vals)
        open_actions.filtered("crm_is_closed")._crm_notify_closed()
        return res

    def _crm_notify_closed(self):
        """Post the result of the closed actions on their complaints and
        returns."""
        for action in self:
            body = Markup("<p>%s</p><p>%s</p>") % (
                self.env._(
                    "Improvement action %(reference)s %(subject)s is done.",
                    reference=action.reference or "",
                    subject=action.name,
                ),
                action.crm_result,
            )
            # The owner of the action (a quality manager) may not write the
            # complaints and returns it answers: the note is the system's.
            for document in [*action.crm_ticket_ids.sudo(), *action.crm_rma_ids.sudo()]:
                document.message_post(body=body, subtype_xmlid="mail.mt_note")
