# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

SATISFACTION_ORIGINS = [
    ("complaint", "Closed Complaint"),
    ("return", "Finished Return"),
    ("care_visit", "Care Visit"),
    ("rating", "Rating Page"),
]


class SurveyUserInput(models.Model):
    """A satisfaction answer: the customer's, on the survey pages, or one a
    care user recorded on a callback (``crm_callback_user_id``)."""

    _inherit = "survey.user_input"

    crm_origin = fields.Selection(
        SATISFACTION_ORIGINS,
        string="Asked After",
        readonly=True,
        index="btree_not_null",
    )
    crm_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complaint",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    crm_rma_id = fields.Many2one(
        "rma",
        string="Return",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    crm_company_id = fields.Many2one("res.company", string="Company", readonly=True)
    crm_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Complaint Team",
        related="crm_ticket_id.team_id",
        store=True,
    )
    crm_category_id = fields.Many2one(
        "helpdesk.ticket.category",
        string="Complaint Category",
        related="crm_ticket_id.category_id",
        store=True,
    )
    crm_rma_team_id = fields.Many2one(
        "rma.team", string="Return Team", related="crm_rma_id.team_id", store=True
    )
    crm_callback_user_id = fields.Many2one(
        "res.users",
        string="Recorded on Callback by",
        readonly=True,
        help="The care user who phoned the customer and recorded the answers.",
    )

    @api.model
    def _crm_request_satisfaction(self, vals_list):
        """Create the satisfaction answers of ``vals_list`` (each with
        ``partner_id``, ``crm_company_id``, ``crm_origin`` and the record it
        follows) on the company's satisfaction survey, and invite each
        customer on their preferred channel (a service message, once per
        answer). Returns the answers created."""
        answers = self.browse()
        for vals in vals_list:
            vals = dict(vals)
            partner = self.env["res.partner"].browse(vals.pop("partner_id"))
            company = self.env["res.company"].browse(vals["crm_company_id"])
            survey = company._crm_satisfaction_survey()
            if not survey:
                continue
            # The answer is the system's: the care user closing a complaint
            # need not be a survey officer.
            answers |= survey.sudo()._create_answer(
                partner=partner, check_attempts=False, **vals
            )
        answers._crm_notify(
            "satisfaction_survey",
            "crm_aftersales.mail_template_satisfaction_survey",
            "crm_aftersales.sms_template_satisfaction_survey",
            kind="service",
        )
        return answers.sudo(False)

    def _crm_scores(self):
        """The scores of the answer by dimension."""
        self.ensure_one()
        return {
            line.question_id.crm_satisfaction_dimension: line.value_scale
            for line in self.user_input_line_ids
            if line.question_id.crm_satisfaction_dimension and not line.skipped
        }

    def _crm_comment(self):
        self.ensure_one()
        return "\n".join(
            line.value_text_box
            for line in self.user_input_line_ids
            if line.answer_type == "text_box" and line.value_text_box
        )

    def _mark_done(self):
        res = super()._mark_done()
        self._crm_rate_complaints()
        return res

    def _crm_rate_complaints(self):
        """The overall score of a complaint's answer is the complaint's
        rating: the customer's ratings and the rule reopening a complaint
        the customer is not satisfied with read it."""
        for answer in self.filtered(lambda a: a.crm_ticket_id and a.partner_id):
            overall = answer._crm_scores().get("overall")
            if not overall:
                continue
            ticket_sudo = answer.crm_ticket_id.sudo()
            token = ticket_sudo._rating_get_access_token(answer.partner_id)
            ticket_sudo.rating_apply(
                overall, token=token, feedback=answer._crm_comment() or None
            )

    def _crm_record_callback(self, scores, comment=None):
        """Record the answers a customer gave on the phone into this answer
        and complete it."""
        self.ensure_one()
        if self.state == "done":
            raise UserError(
                self.env._(
                    "The customer already answered the satisfaction survey of "
                    "%(document)s: open the answer instead of recording a callback.",
                    document=(self.crm_ticket_id or self.crm_rma_id).display_name
                    or self.partner_id.display_name,
                )
            )
        questions = self.survey_id.question_ids
        for question in questions.filtered("crm_satisfaction_dimension"):
            score = scores.get(question.crm_satisfaction_dimension)
            if score:
                self._save_lines(question, score)
        if comment:
            comment_question = questions.filtered(
                lambda q: q.question_type == "text_box"
            )[:1]
            if comment_question:
                self._save_lines(comment_question, comment)
        self.crm_callback_user_id = self.env.user
        self._mark_done()
