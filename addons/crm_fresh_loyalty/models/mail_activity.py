# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import plaintext2html

INTERACTION_OUTCOMES = [
    ("agreed", "Reached, agreement"),
    ("reached", "Reached, no decision"),
    ("follow_up", "Reached, follow-up needed"),
    ("declined", "Reached, declined"),
    ("not_reached", "Not reached"),
]


class MailActivity(models.Model):
    _inherit = "mail.activity"

    crm_is_interaction = fields.Boolean(related="activity_type_id.crm_is_interaction")
    crm_partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_crm_partner_id",
        store=True,
        index="btree_not_null",
        help="The customer of an activity planned on a customer record.",
    )
    crm_outcome = fields.Selection(INTERACTION_OUTCOMES, string="Outcome")
    crm_next_step = fields.Text(
        string="Next Step", help="What was agreed to do next, posted with the outcome."
    )
    crm_next_step_type_id = fields.Many2one(
        "mail.activity.type",
        string="Next Step Type",
        domain=[("crm_is_interaction", "=", True)],
        help="Plan the next step as a new activity of this type when this one is done.",
    )
    crm_next_step_date = fields.Date(string="Next Step Due")

    @api.depends("res_model", "res_id")
    def _compute_crm_partner_id(self):
        for activity in self:
            activity.crm_partner_id = (
                activity.res_id if activity.res_model == "res.partner" else False
            )

    @api.constrains("crm_next_step_type_id", "crm_next_step_date")
    def _check_crm_next_step(self):
        if any(
            bool(activity.crm_next_step_type_id) != bool(activity.crm_next_step_date)
            for activity in self
        ):
            raise ValidationError(
                self.env._(
                    "Next Step: to plan the next step give both its type and its "
                    "due date, or neither."
                )
            )

    def _action_done(self, feedback=False, attachment_ids=None):
        """Plan the next step of interactions done, assigned like them.

        The done message itself shows the outcome and the next step through
        the inherited ``mail.message_activity_done`` template.
        """
        next_steps = [
            {
                "res_model_id": activity.res_model_id.id,
                "res_id": activity.res_id,
                "activity_type_id": activity.crm_next_step_type_id.id,
                "date_deadline": activity.crm_next_step_date,
                "summary": activity.crm_next_step_type_id.summary,
                "note": plaintext2html(activity.crm_next_step or ""),
                "user_id": activity.user_id.id,
            }
            for activity in self
            if activity.crm_next_step_type_id and activity.res_model
        ]
        messages, next_activities = super()._action_done(
            feedback=feedback, attachment_ids=attachment_ids
        )
        if next_steps:
            next_activities |= self.env["mail.activity"].create(next_steps)
        return messages, next_activities
