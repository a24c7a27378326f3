# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

# Customers queued per run of the mass mailing cron: the run generates their
# coupons and queues their messages, then commits; the message cron sends the
# messages in its own batches.
CAMPAIGN_BATCH_SIZE = 1000
COUPON_PROGRAM_TYPES = ("coupons",)


class MailingMailing(models.Model):
    """A campaign: a mailing of type *Preferred Channel* to customers.

    Its recipients are a segment of ``res.partner`` (the mailing's domain,
    or one of the suite's segment filters). Odoo's mass mailing queue sends
    it (``_process_mass_mailing_queue``), one batch of customers per run,
    through the suite's one message path (``crm.customer.message``): each
    customer gets it on their preferred channel, with the opt-outs, quiet
    hours and daily cap of the campaign's company. A coupon campaign gives
    each customer one coupon of its program (Odoo's coupon generation
    wizard) and sends the templates on that coupon.

    When it starts sending, a share of the segment is drawn as the control
    group (stored, never messaged): the promotion effect
    (``crm.campaign.effect``) compares their purchases with the recipients'.
    """

    _inherit = "mailing.mailing"

    mailing_type = fields.Selection(
        selection_add=[("crm_message", "Preferred Channel")],
        ondelete={"crm_message": "set default"},
    )
    crm_company_id = fields.Many2one(
        "res.company",
        string="Company",
        default=lambda self: self.env.company,
        help="Whose settings (daily cap, quiet hours) apply to the messages, "
        "and whose orders count in the promotion effect.",
    )
    crm_currency_id = fields.Many2one(related="crm_company_id.currency_id")
    crm_template_model = fields.Char(
        compute="_compute_crm_template_model",
        help="The model of the campaign's templates: the coupon of a coupon "
        "campaign, else the customer.",
    )
    crm_mail_template_id = fields.Many2one(
        "mail.template",
        string="Email Template",
        domain="[('model', '=', crm_template_model)]",
        help="Sent to the customers whose channel is email.",
    )
    crm_coupon_program_id = fields.Many2one(
        "loyalty.program",
        string="Coupon Program",
        domain=[("program_type", "in", COUPON_PROGRAM_TYPES)],
        help="Each customer of the campaign gets one coupon of this program, "
        "once, even when the campaign is sent again.",
    )
    crm_coupon_points = fields.Float(
        string="Coupon Value", default=1, help="The points granted on each coupon."
    )
    crm_coupon_valid_until = fields.Date(string="Coupons Valid Until")
    crm_control_share = fields.Float(
        string="Control Group (%)",
        default=10.0,
        help="This share of the segment, drawn at random when the campaign "
        "starts sending, gets nothing: the promotion effect compares their "
        "purchases with the recipients'.",
    )
    crm_control_partner_ids = fields.Many2many(
        "res.partner",
        "crm_campaign_control_partner_rel",
        "mailing_id",
        "partner_id",
        string="Control Group",
        readonly=True,
        copy=False,
    )
    crm_start_date = fields.Datetime(
        string="Campaign Start",
        readonly=True,
        copy=False,
        help="When the campaign started sending and drew its control group: "
        "the promotion effect counts the orders from then on.",
    )
    crm_effect_days = fields.Integer(
        string="Effect Window (days)",
        default=30,
        help="The orders of the customers in this many days from the start "
        "of the campaign count in its promotion effect.",
    )
    crm_message_ids = fields.One2many(
        "crm.customer.message", "mailing_id", string="Customer Messages"
    )
    crm_message_count = fields.Integer(compute="_compute_crm_message_count")
    crm_control_count = fields.Integer(
        string="Control Customers", compute="_compute_crm_effect"
    )
    crm_recipient_count = fields.Integer(
        string="Recipients", compute="_compute_crm_effect"
    )
    crm_recipient_buyer_count = fields.Integer(
        string="Recipients Who Bought", compute="_compute_crm_effect"
    )
    crm_control_buyer_count = fields.Integer(
        string="Control Customers Who Bought", compute="_compute_crm_effect"
    )
    crm_recipient_revenue = fields.Monetary(
        string="Recipients' Revenue",
        currency_field="crm_currency_id",
        compute="_compute_crm_effect",
    )
    crm_control_revenue = fields.Monetary(
        string="Control Group's Revenue",
        currency_field="crm_currency_id",
        compute="_compute_crm_effect",
    )
    crm_coupon_used_count = fields.Integer(
        string="Coupons Used", compute="_compute_crm_effect"
    )
    crm_recipient_conversion = fields.Float(
        string="Recipients' Conversion (%)",
        compute="_compute_crm_effect",
        digits=(16, 1),
    )
    crm_control_conversion = fields.Float(
        string="Control Group's Conversion (%)",
        compute="_compute_crm_effect",
        digits=(16, 1),
    )
    crm_uplift = fields.Float(
        string="Uplift (points)",
        compute="_compute_crm_effect",
        digits=(16, 1),
        help="Recipients' conversion minus the control group's, in "
        "percentage points: what the campaign brought.",
    )

    _crm_control_share_range = models.Constraint(
        "CHECK(crm_control_share >= 0 AND crm_control_share < 100)",
        "The control group is a share of the segment from 0 to 99 %.",
    )
    _crm_effect_days_positive = models.Constraint(
        "CHECK(crm_effect_days > 0)",
        "The effect window of a campaign is at least one day.",
    )

    @api.model
    def default_get(self, fields):
        values = super().default_get(fields)
        if values.get("mailing_type") == "crm_message" and "mailing_model_id" in fields:
            values["mailing_model_id"] = self.env["ir.model"]._get_id("res.partner")
        return values

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # The form shows the title as "sms_subject" (as for SMS): the
            # subject names the mailing and its UTM source.
            if vals.get("mailing_type") == "crm_message" and vals.get("sms_subject"):
                vals["subject"] = vals["sms_subject"]
        return super().create(vals_list)

    @api.depends("crm_coupon_program_id")
    def _compute_crm_template_model(self):
        for mailing in self:
            mailing.crm_template_model = (
                "loyalty.card" if mailing.crm_coupon_program_id else "res.partner"
            )

    def _compute_crm_message_count(self):
        counts = {}
        if self.ids and self.env["crm.customer.message"].has_access("read"):
            counts = dict(
                self.env["crm.customer.message"]._read_group(
                    [("mailing_id", "in", self.ids)], ["mailing_id"], ["__count"]
                )
            )
        for mailing in self:
            mailing.crm_message_count = counts.get(mailing, 0)

    def _compute_crm_effect(self):
        groups = {}
        if self.ids:
            for mailing, group, count, buyers, revenue, coupons in self.env[
                "crm.campaign.effect"
            ]._read_group(
                [("mailing_id", "in", self.ids)],
                ["mailing_id", "target_group"],
                ["__count", "buyer_count:sum", "revenue:sum", "coupon_used:sum"],
            ):
                groups[mailing, group] = (count, buyers, revenue, coupons)
        for mailing in self:
            recipients = groups.get((mailing, "recipient"), (0, 0, 0.0, 0))
            control = groups.get((mailing, "control"), (0, 0, 0.0, 0))
            mailing.crm_recipient_count = recipients[0]
            mailing.crm_recipient_buyer_count = recipients[1]
            mailing.crm_recipient_revenue = recipients[2]
            mailing.crm_coupon_used_count = recipients[3]
            mailing.crm_control_count = control[0]
            mailing.crm_control_buyer_count = control[1]
            mailing.crm_control_revenue = control[2]
            mailing.crm_recipient_conversion = (
                100.0 * recipients[1] / recipients[0] if recipients[0] else 0.0
            )
            mailing.crm_control_conversion = (
                100.0 * control[1] / control[0] if control[0] else 0.0
            )
            mailing.crm_uplift = (
                mailing.crm_recipient_conversion - mailing.crm_control_conversion
                if recipients[0] and control[0]
                else 0.0
            )

    @api.constrains(
        "mailing_type",
        "mailing_model_id",
        "crm_mail_template_id",
        "sms_template_id",
        "crm_coupon_program_id",
    )
    def _check_crm_campaign(self):
        for mailing in self.filtered(lambda m: m.mailing_type == "crm_message"):
            if mailing.mailing_model_real != "res.partner":
                raise ValidationError(
                    self.env._(
                        "Recipients of campaign %(name)s: a campaign on the "
                        "preferred channel goes to customers; choose Contact "
                        "as the recipients.",
                        name=mailing.subject,
                    )
                )
            model = mailing.crm_template_model
            for template in (mailing.crm_mail_template_id, mailing.sms_template_id):
                if template and template.model != model:
                    raise ValidationError(
                        self.env._(
                            "Template %(template)s of campaign %(name)s is for "
                            "%(template_model)s; choose a template for "
                            "%(model)s (coupon campaigns send templates of the "
                            "coupon, the others of the customer).",
                            template=template.name,
                            name=mailing.subject,
                            template_model=template.model,
                            model=model,
                        )
                    )

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    def action_put_in_queue(self):
        self._crm_check_ready()
        return super().action_put_in_queue()

    def _crm_check_ready(self):
        for mailing in self.filtered(lambda m: m.mailing_type == "crm_message"):
            if not (mailing.crm_mail_template_id or mailing.sms_template_id):
                raise UserError(
                    self.env._(
                        "Campaign %(name)s has nothing to send: choose its "
                        "email template, its SMS template, or both.",
                        name=mailing.subject,
                    )
                )

    def _get_recipients(self):
        res_ids = super()._get_recipients()
        if self.mailing_type == "crm_message" and self.crm_start_date:
            control = set(self.crm_control_partner_ids.ids)
            res_ids = [res_id for res_id in res_ids if res_id not in control]
        return res_ids

    def _get_remaining_recipients(self):
        if self.mailing_type != "crm_message":
            return super()._get_remaining_recipients()
        self._crm_draw_control_group()
        messaged = set(
            self.env["crm.customer.message"]
            .sudo()
            .search([("mailing_id", "=", self.id)])
            .partner_id.ids
        )
        return [res_id for res_id in self._get_recipients() if res_id not in messaged]

    def _crm_draw_control_group(self):
        """Draw the control group of the segment, once, when the campaign
        starts sending: a pseudo-random sample seeded by the campaign, so
        that a draw can be reproduced."""
        for mailing in self.filtered(lambda m: not m.crm_start_date):
            segment = sorted(
                self.env["res.partner"].search(mailing._get_recipients_domain()).ids
            )
            size = round(len(segment) * mailing.crm_control_share / 100)
            control = random.Random(mailing.id).sample(segment, size)
            mailing.write(
                {
                    "crm_control_partner_ids": [Command.set(control)],
                    "crm_start_date": fields.Datetime.now(),
                }
            )

    def _action_send_mail(self, res_ids=None):
        campaigns = self.filtered(lambda m: m.mailing_type == "crm_message")
        for campaign in campaigns:
            campaign._crm_send_batch(res_ids)
        return super(MailingMailing, self - campaigns)._action_send_mail(
            res_ids=res_ids
        )

    def _crm_send_batch(self, res_ids=None):
        """Queue the messages of the next batch of customers; leave the
        campaign sending, and the mass mailing cron triggered, while
        customers remain."""
        self.ensure_one()
        self._crm_check_ready()
        remaining = res_ids or self._get_remaining_recipients()
        if not remaining and not self.crm_message_ids:
            raise UserError(self.env._("There are no recipients selected."))
        batch = self.env["res.partner"].browse(remaining[:CAMPAIGN_BATCH_SIZE])
        records = (
            self._crm_generate_coupons(batch) if self.crm_coupon_program_id else batch
        )
        self._crm_queue_messages(records)
        if len(remaining) > len(batch):
            self.state = "sending"
            self.env.ref("mass_mailing.ir_cron_mass_mailing_queue")._trigger()
        else:
            # No 24-hour statistics email: Odoo's reads the mailing traces of
            # email and SMS mailings; the campaign's are its messages.
            self.write({"state": "done", "sent_date": fields.Datetime.now()})

    def _crm_generate_coupons(self, partners):
        """One coupon of the campaign's program per customer, with Odoo's
        coupon generation wizard, for the customers who have none of this
        campaign yet; return the customers' coupons of the campaign."""
        # The campaign's author may not manage loyalty programs; the coupons
        # are the campaign's, generated for the customers it reaches.
        cards_sudo = self.env["loyalty.card"].sudo()
        domain = [("crm_mailing_id", "=", self.id), ("partner_id", "in", partners.ids)]
        missing = partners - cards_sudo.search(domain).partner_id
        if missing:
            self.env["loyalty.generate.wizard"].sudo().create(
                {
                    "program_id": self.crm_coupon_program_id.id,
                    "mode": "selected",
                    "customer_ids": [Command.set(missing.ids)],
                    "points_granted": self.crm_coupon_points,
                    "valid_until": self.crm_coupon_valid_until,
                    "crm_mailing_id": self.id,
                    "description": self.env._("Campaign %(name)s", name=self.subject),
                }
            ).with_context(
                # The campaign sends the coupon on the preferred channel,
                # not the program's own creation email.
                loyalty_no_mail=True
            ).generate_coupons()
        return cards_sudo.search(domain).sudo(False)

    def _crm_queue_messages(self, records):
        """Queue one marketing message per record (a customer, or the
        customer's coupon) in the customer message log, and send them (the
        message cron sends a large batch)."""
        partners = records._mail_get_partners()
        event = f"campaign:{self.id}"
        vals_list = [
            {
                "partner_id": partners[record.id][:1].id,
                "company_id": self.crm_company_id.id,
                "res_model": record._name,
                "res_id": record.id,
                "event": event,
                "kind": "marketing",
                "mail_template_id": self.crm_mail_template_id.id,
                "sms_template_id": self.sms_template_id.id,
            }
            for record in records
            if partners[record.id]
        ]
        # The log is the system's own record (see _crm_notify).
        messages = self.env["crm.customer.message"].sudo()._queue(vals_list)
        messages.write({"mailing_id": self.id})
        messages._send_or_queue()
        return messages

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_view_crm_messages(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_customer_message.crm_customer_message_action"
        )
        action["domain"] = [("mailing_id", "=", self.id)]
        return action

    def action_view_crm_effect(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_campaign.crm_campaign_effect_action"
        )
        action["domain"] = [("mailing_id", "=", self.id)]
        return action
