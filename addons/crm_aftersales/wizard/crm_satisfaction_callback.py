# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

SCORES = [(str(score), str(score)) for score in range(1, 6)]


class CrmSatisfactionCallback(models.TransientModel):
    """What a customer said on the satisfaction callback, recorded into the
    satisfaction survey as their answer (the one they were invited to fill
    in, or a new one)."""

    _name = "crm.satisfaction.callback"
    _description = "Satisfaction Callback"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Complaint", readonly=True)
    rma_id = fields.Many2one("rma", string="Return", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    overall = fields.Selection(SCORES, required=True)
    speed = fields.Selection(SCORES, string="Response Speed")
    resolution = fields.Selection(SCORES, string="Problem Solving")
    cooperation = fields.Selection(SCORES, string="Cooperation Experience")
    comment = fields.Text()

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        model, res_id = (
            self.env.context.get("active_model"),
            self.env.context.get("active_id"),
        )
        if model == "helpdesk.ticket" and res_id:
            ticket = self.env[model].browse(res_id)
            res.update(ticket_id=ticket.id, partner_id=ticket.partner_id.id)
        elif model == "rma" and res_id:
            rma = self.env[model].browse(res_id)
            res.update(rma_id=rma.id, partner_id=rma.partner_id.id)
        return res

    def action_record(self):
        self.ensure_one()
        document = self.ticket_id or self.rma_id
        if not document or not self.partner_id:
            raise UserError(
                self.env._(
                    "A satisfaction callback is recorded from a complaint or a "
                    "return with a customer."
                )
            )
        document.check_access("write")
        link = "crm_ticket_id" if self.ticket_id else "crm_rma_id"
        # Whoever may handle the complaint or return records its customer's
        # answers: survey officers only read answer lines.
        Answer_sudo = self.env["survey.user_input"].sudo()
        answer_sudo = Answer_sudo.search(
            [(link, "=", document.id), ("state", "!=", "done")], limit=1
        )
        if not answer_sudo:
            if Answer_sudo.search_count([(link, "=", document.id)], limit=1):
                raise UserError(
                    self.env._(
                        "The customer already answered the satisfaction survey "
                        "of %(document)s.",
                        document=document.display_name,
                    )
                )
            survey = document.company_id._crm_satisfaction_survey()
            if not survey:
                raise UserError(
                    self.env._(
                        "No satisfaction survey: choose one in the after-sales "
                        "settings (Satisfaction Survey)."
                    )
                )
            answer_sudo = survey.sudo()._create_answer(
                partner=self.partner_id,
                check_attempts=False,
                crm_company_id=document.company_id.id,
                crm_origin="complaint" if self.ticket_id else "return",
                **{link: document.id},
            )
        answer_sudo._crm_record_callback(
            {
                dimension: int(self[dimension])
                for dimension in ("overall", "speed", "resolution", "cooperation")
                if self[dimension]
            },
            comment=self.comment,
        )
        if self.ticket_id:
            self.ticket_id.activity_ids.filtered(
                lambda activity: (
                    activity.activity_type_id
                    == self.env.ref(
                        "crm_aftersales.mail_activity_type_complaint_callback"
                    )
                )
            ).action_feedback(feedback=self.env._("Satisfaction recorded."))
        return {"type": "ir.actions.act_window_close"}
