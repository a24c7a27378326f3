# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..models.mail_activity import INTERACTION_OUTCOMES


class CrmInteractionLogWizard(models.TransientModel):
    """Record a contact with the customer that already took place.

    It becomes a done activity of the interaction type, so it is posted in
    the chatter like any activity marked done and listed with the others.
    """

    _name = "crm.interaction.log.wizard"
    _description = "Log a Customer Interaction"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, readonly=True
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Type",
        required=True,
        domain=[("crm_is_interaction", "=", True)],
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    summary = fields.Char(required=True, help="What the contact was about.")
    outcome = fields.Selection(INTERACTION_OUTCOMES, required=True)
    feedback = fields.Text(help="What the customer said.")
    next_step = fields.Text()
    next_step_type_id = fields.Many2one(
        "mail.activity.type",
        string="Plan Next Step",
        domain=[("crm_is_interaction", "=", True)],
        help="Plan the next step as an activity of this type for you.",
    )
    next_step_date = fields.Date(string="Next Step Due")

    @api.constrains("date")
    def _check_date(self):
        today = fields.Date.context_today(self)
        if any(wizard.date > today for wizard in self):
            raise ValidationError(
                self.env._(
                    "Date: an interaction is logged once it took place; plan a "
                    "future contact as an activity instead."
                )
            )

    @api.constrains("activity_type_id", "next_step_type_id")
    def _check_interaction_types(self):
        for wizard in self:
            if not wizard.activity_type_id.crm_is_interaction:
                raise ValidationError(
                    self.env._(
                        "Type: %(type)s is not a kind of customer interaction; "
                        "choose a call, a visit or another interaction type.",
                        type=wizard.activity_type_id.name,
                    )
                )
            next_type = wizard.next_step_type_id
            if next_type and not next_type.crm_is_interaction:
                raise ValidationError(
                    self.env._(
                        "Plan Next Step: %(type)s is not a kind of customer "
                        "interaction; choose a call, a visit or another "
                        "interaction type.",
                        type=next_type.name,
                    )
                )

    @api.constrains("summary")
    def _check_summary(self):
        if any(not (wizard.summary or "").strip() for wizard in self):
            raise ValidationError(
                self.env._("Summary: say in a few words what the contact was about.")
            )

    @api.constrains("next_step_type_id", "next_step_date")
    def _check_next_step(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            if bool(wizard.next_step_type_id) != bool(wizard.next_step_date):
                raise ValidationError(
                    self.env._(
                        "Plan Next Step: to plan the next step give both its type "
                        "and its due date (Next Step Due), or neither."
                    )
                )
            if wizard.next_step_date and wizard.next_step_date < today:
                raise ValidationError(
                    self.env._(
                        "Next Step Due: plan the next step for today or later, "
                        "not %(date)s.",
                        date=wizard.next_step_date,
                    )
                )

    def action_log(self):
        self.ensure_one()
        activity = self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": self.partner_id.id,
                "activity_type_id": self.activity_type_id.id,
                "summary": self.summary,
                "date_deadline": self.date,
                "user_id": self.env.user.id,
                "crm_outcome": self.outcome,
                "crm_next_step": self.next_step,
                "crm_next_step_type_id": self.next_step_type_id.id,
                "crm_next_step_date": self.next_step_date,
            }
        )
        activity._action_done(feedback=self.feedback)
        activity.date_done = self.date
        return {"type": "ir.actions.act_window_close"}
