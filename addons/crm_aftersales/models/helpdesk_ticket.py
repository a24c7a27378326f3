# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import html2plaintext, split_every

from odoo.addons.crm_fresh_loyalty.tools import BATCH_SIZE
from odoo.addons.rating.models.rating_data import RATING_LIMIT_OK

from ..classifier import NOT_COMPLAINT

SLA_STATUSES = [
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("breached", "Breached"),
]
SEVERITIES = [("minor", "Minor"), ("major", "Major"), ("critical", "Critical")]
CLASSIFICATIONS = [
    ("classified", "Classified"),
    ("triage", "To Triage"),
    ("not_complaint", "Not a Complaint"),
]
ESCALATION_LEVELS = [
    ("none", "Not Escalated"),
    ("leader", "Team Leader"),
    ("manager", "Manager"),
]


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    crm_is_complaint = fields.Boolean(
        string="Is a Complaint", related="type_id.crm_is_complaint", store=True
    )
    crm_feedback_kind = fields.Selection(
        string="Feedback", related="type_id.crm_feedback_kind", store=True
    )
    crm_received_date = fields.Datetime(
        string="Received",
        default=fields.Datetime.now,
        help="When the customer complained; the complaint SLA counts from it.",
    )
    # Classification
    crm_auto_category_id = fields.Many2one(
        "helpdesk.ticket.category",
        string="Proposed Category",
        readonly=True,
        copy=False,
        help="Category the classifier proposed, even below the confidence threshold.",
    )
    crm_classification = fields.Selection(
        CLASSIFICATIONS,
        string="Classification",
        readonly=True,
        copy=False,
        index=True,
        help="Classified: the proposed category was confident enough to be set. "
        "To Triage: confidence below the threshold, a person chooses the category "
        "and the complaint keeps a high priority meanwhile. Not a Complaint: "
        "praise or a question.",
    )
    crm_classification_reasons = fields.Char(
        string="Deciding Words",
        readonly=True,
        copy=False,
        help="The words and word groups that weighed most for the proposed "
        "answer, with their weight (¬ marks a negated word).",
    )
    crm_classifier_id = fields.Many2one(
        "crm.complaint.classifier",
        string="Classifier Version",
        readonly=True,
        copy=False,
        ondelete="set null",
    )
    crm_keyword_ids = fields.Many2many(
        "crm.complaint.keyword",
        "helpdesk_ticket_crm_complaint_keyword_rel",
        "ticket_id",
        "keyword_id",
        string="Matched Keywords",
        readonly=True,
        copy=False,
    )
    crm_confidence = fields.Float(
        string="Confidence",
        readonly=True,
        copy=False,
        help="Probability of the proposed answer, calibrated on examples the "
        "classifier did not train on: of the answers given at 90 %, about nine "
        "in ten are right.",
    )
    crm_category_corrected = fields.Boolean(
        string="Category Corrected",
        compute="_compute_crm_category_corrected",
        store=True,
        help="A person set another category than the proposed one.",
    )
    crm_severity = fields.Selection(
        SEVERITIES, string="Severity", default="minor", tracking=True
    )
    # Repeat complainers
    crm_repeat_complainer = fields.Boolean(
        string="Repeat Complainer", readonly=True, copy=False
    )
    # SLA
    crm_response_deadline = fields.Datetime(
        string="First Response Deadline",
        compute="_compute_crm_sla_deadlines",
        store=True,
    )
    crm_routing_deadline = fields.Datetime(
        string="Routing Deadline", compute="_compute_crm_sla_deadlines", store=True
    )
    crm_first_response_date = fields.Datetime(
        string="First Response", readonly=True, copy=False
    )
    crm_sla_status = fields.Selection(
        SLA_STATUSES,
        string="SLA Status",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
    )
    crm_escalation_level = fields.Selection(
        ESCALATION_LEVELS,
        string="Escalated To",
        default="none",
        required=True,
        readonly=True,
        copy=False,
    )
    crm_escalation_date = fields.Datetime(
        string="Escalated On", readonly=True, copy=False
    )
    # Closed loop
    crm_resolution = fields.Text(string="Resolution", tracking=True)
    crm_cause_id = fields.Many2one(
        "crm.complaint.cause", string="Root Cause", tracking=True
    )
    crm_product_id = fields.Many2one(
        "product.product", string="Product", tracking=True, check_company=True
    )
    crm_lot_id = fields.Many2one(
        "stock.lot",
        string="Lot",
        tracking=True,
        index="btree_not_null",
        domain="crm_allowed_lot_ids and [('id', 'in', crm_allowed_lot_ids)]"
        " or [('product_id', '=', crm_product_id)]",
        check_company=True,
    )
    crm_allowed_lot_ids = fields.Many2many(
        "stock.lot",
        compute="_compute_crm_allowed_lot_ids",
        help="The lots of the product delivered on the order complained "
        "about, proposed for the Lot.",
    )
    crm_compensation_decision = fields.Selection(
        [("none", "No Compensation"), ("compensate", "Compensation")],
        string="Compensation Decision",
        tracking=True,
    )
    crm_compensation_ids = fields.One2many(
        "crm.complaint.compensation", "ticket_id", string="Compensations"
    )
    crm_sale_order_id = fields.Many2one(
        "sale.order",
        string="Order",
        tracking=True,
        index="btree_not_null",
        check_company=True,
        domain="[('partner_id', 'child_of', commercial_partner_id)]",
        help="The order the customer complains about.",
    )
    crm_improvement_action_ids = fields.Many2many(
        "mgmtsystem.action",
        "mgmtsystem_action_helpdesk_ticket_rel",
        "ticket_id",
        "action_id",
        string="Improvement Actions",
        readonly=True,
        copy=False,
    )
    crm_satisfaction_answer_ids = fields.One2many(
        "survey.user_input",
        "crm_ticket_id",
        string="Satisfaction Answers",
        readonly=True,
    )

    @api.depends("crm_sale_order_id", "crm_product_id")
    def _compute_crm_allowed_lot_ids(self):
        delivered = self.env["stock.lot"]._crm_delivered_lots(
            self.crm_sale_order_id.order_line
        )
        for ticket in self:
            lots = self.env["stock.lot"].union(
                *(delivered[line] for line in ticket.crm_sale_order_id.order_line)
            )
            ticket.crm_allowed_lot_ids = lots.filtered(
                lambda lot, ticket=ticket: lot.product_id == ticket.crm_product_id
            )

    @api.depends("category_id", "crm_auto_category_id")
    def _compute_crm_category_corrected(self):
        for ticket in self:
            ticket.crm_category_corrected = bool(
                ticket.crm_auto_category_id
                and ticket.category_id != ticket.crm_auto_category_id
            )

    @api.depends(
        "crm_is_complaint",
        "crm_received_date",
        "team_id.resource_calendar_id",
        "company_id.crm_sla_response_hours",
        "company_id.crm_sla_routing_hours",
    )
    def _compute_crm_sla_deadlines(self):
        for ticket in self:
            if not (ticket.crm_is_complaint and ticket.crm_received_date):
                ticket.crm_response_deadline = ticket.crm_routing_deadline = False
                continue
            calendar = ticket._crm_calendar()
            company = ticket.company_id
            ticket.crm_response_deadline = calendar.plan_hours(
                company.crm_sla_response_hours,
                ticket.crm_received_date,
                compute_leaves=True,
            )
            ticket.crm_routing_deadline = calendar.plan_hours(
                company.crm_sla_routing_hours,
                ticket.crm_received_date,
                compute_leaves=True,
            )

    def _crm_calendar(self):
        self.ensure_one()
        return self.team_id.resource_calendar_id or self.company_id.resource_calendar_id

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        tickets = super().create(vals_list)
        # A team or assignee given on purpose is kept; defaults are routed.
        chosen_team = chosen_user = self.browse()
        for ticket, vals in zip(tickets, vals_list, strict=True):
            if vals.get("team_id"):
                chosen_team |= ticket
            if vals.get("user_id"):
                chosen_user |= ticket
        complaints = tickets.filtered("crm_is_complaint")
        if complaints:
            complaints._crm_process_new_complaints(chosen_team, chosen_user)
            # Routed first: the SLA that gives the answer time is then known.
            complaints._crm_acknowledge()
        return tickets

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        # an email without a type: a complaint as the company decides
        custom_values = dict(custom_values or {})
        if not custom_values.get("type_id"):
            complaint_type = self._crm_untyped_ticket_type(
                {
                    "name": msg_dict.get("subject"),
                    "description": msg_dict.get("body"),
                    **custom_values,
                }
            )
            if complaint_type:
                custom_values["type_id"] = complaint_type.id
        return super().message_new(msg_dict, custom_values=custom_values)

    @api.model
    def _crm_untyped_ticket_type(self, vals):
        """The complaint type for a ticket a customer files without a type
        (portal, email) with the values ``vals``, or no type, by the setting
        of its company (``crm_untyped_ticket_policy``)."""
        complaint_type = self.env.ref(
            "crm_aftersales.helpdesk_ticket_type_complaint", raise_if_not_found=False
        )
        company = self.env["res.company"].browse(vals.get("company_id"))
        if not company and vals.get("team_id"):
            company = (
                self.env["helpdesk.ticket.team"].browse(vals["team_id"]).company_id
            )
        company = company or self.env.company
        policy = company.crm_untyped_ticket_policy
        if not complaint_type or policy == "none":
            return self.env["helpdesk.ticket.type"]
        if policy == "classified":
            description = html2plaintext(vals.get("description") or "")
            text = f"{vals.get('name') or ''}\n{description}"
            Classifier = self.env["crm.complaint.classifier"]
            version = Classifier._current(company)
            prediction = Classifier._compiled_model(version.id).predict(
                text, version._rules()
            )
            # the outcome "not a complaint" of _crm_classify
            if (
                prediction.label == NOT_COMPLAINT
                and prediction.confidence >= version.threshold
            ):
                return self.env["helpdesk.ticket.type"]
        return complaint_type

    def write(self, vals):
        closing = self.browse()
        if vals.get("stage_id"):
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if stage.closed:
                closing = self.filtered(lambda t: t.crm_is_complaint and not t.closed)
                closing._crm_check_closable(vals)
        result = super().write(vals)
        if closing:
            closing._crm_after_close()
        if vals.keys() & {"crm_lot_id", "crm_product_id"}:
            self.filtered("crm_is_complaint").crm_lot_id._crm_check_quality_alert()
        if vals.keys() & {"user_id", "team_id", "stage_id", "crm_received_date"}:
            self.filtered(
                lambda t: t.crm_is_complaint and not t.closed
            )._crm_refresh_sla_status()
        if "stage_id" in vals:
            self.filtered(
                lambda t: t.crm_is_complaint and t.partner_id
            )._crm_notify_complaint_update()
        return result

    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if (
            len(self) == 1
            and self.crm_is_complaint
            and not self.crm_first_response_date
            and message.message_type in ("comment", "email")
            and message.subtype_id
            and not message.subtype_id.internal
            and message.author_id.user_ids.filtered(lambda user: not user.share)
        ):
            self._crm_set_first_response(message.date)
        return message

    def _crm_set_first_response(self, date=None):
        """Stop the response clock of the complaints not answered yet: a
        reply in the chatter, or a call, WeChat chat or visit that reached
        the customer, logged from the complaint (``crm.interaction.log.wizard``)."""
        waiting = self.filtered(
            lambda t: t.crm_is_complaint and not t.crm_first_response_date
        )
        waiting.crm_first_response_date = date or fields.Datetime.now()
        waiting._crm_refresh_sla_status()

    # ------------------------------------------------------------------
    # New complaints: classification, routing, repeat complainers
    # ------------------------------------------------------------------

    def _crm_process_new_complaints(self, chosen_team, chosen_user):
        self._crm_classify()
        self._crm_route(keep_team=chosen_team, keep_user=chosen_user)
        self._crm_flag_repeat_complainers()
        self._crm_refresh_sla_status()
        self.crm_lot_id._crm_check_quality_alert()

    def _crm_classification_text(self):
        self.ensure_one()
        return f"{self.name or ''}\n{html2plaintext(self.description or '')}"

    def _crm_classify(self, force=False):
        """Propose a category from the subject and description with the
        current classifier of the ticket's company.

        At or above the classifier's threshold the category is set where none
        was chosen (a customer may pick one on the portal), or always if
        ``force``; below it the complaint waits in triage. *Not a complaint*
        sets no category.
        """
        Classifier = self.env["crm.complaint.classifier"]
        for company, tickets in self.grouped("company_id").items():
            version = Classifier._current(company)
            model = Classifier._compiled_model(version.id)
            rules = version._rules()
            for ticket in tickets:
                prediction = model.predict(ticket._crm_classification_text(), rules)
                category = version._category(prediction.label)
                if prediction.confidence < version.threshold:
                    outcome = "triage"
                elif prediction.label == NOT_COMPLAINT:
                    outcome = "not_complaint"
                else:
                    outcome = "classified" if category else "triage"
                vals = {
                    "crm_auto_category_id": category.id,
                    "crm_classification": outcome,
                    "crm_classifier_id": version.id,
                    "crm_keyword_ids": [fields.Command.set(list(prediction.rules))],
                    "crm_confidence": prediction.confidence,
                    "crm_classification_reasons": " · ".join(
                        f"{words} {weight:+.2f}" for words, weight in prediction.reasons
                    ),
                }
                if outcome == "classified" and (force or not ticket.category_id):
                    vals["category_id"] = category.id
                ticket.write(vals)

    def _crm_route(self, keep_team=None, keep_user=None):
        """Team by category and region, assignee by load, priority by tier.

        Tickets in ``keep_team`` / ``keep_user`` keep the team / assignee
        they were given (still checked against the team's members).
        """
        keep_team = keep_team or self.browse()
        keep_user = keep_user or self.browse()
        Route = self.env["crm.complaint.route"]
        for ticket in self - keep_team:
            team = Route._find_team(
                ticket.category_id, ticket.partner_id, ticket.company_id
            )
            if team:
                ticket.team_id = team
        (
            self.filtered(lambda t: t not in keep_user or t.user_id not in t.user_ids)
        )._crm_assign_by_load()
        for ticket in self:
            ticket.priority = ticket._crm_priority()
        # sudo: the SLA lines follow the team; helpdesk_mgmt_sla checks the
        # ticket's *unlink* right to replace them, which agents lack.
        self.filtered("team_sla").sudo().set_sla()

    def _crm_assign_by_load(self):
        """Give each ticket to the member of its team with fewest open tickets.

        The open tickets of every member concerned are counted in one query;
        tickets assigned here count for the next ones.
        """
        tickets = self.filtered(lambda t: t.team_id.user_ids)
        members = tickets.team_id.user_ids
        if not members:
            return
        load = dict.fromkeys(members, 0)
        # The whole load counts, whatever tickets the current user may read.
        load.update(
            self.sudo()._read_group(
                [
                    ("user_id", "in", members.ids),
                    ("closed", "=", False),
                    ("id", "not in", tickets.ids),
                ],
                ["user_id"],
                ["__count"],
            )
        )
        for ticket in tickets:
            user = min(ticket.team_id.user_ids, key=lambda u: (load[u], u.id))
            ticket.user_id = user
            load[user] += 1

    def _crm_priority(self):
        """The category's priority, one level up per tier above the lowest,
        for a tier with priority service and for a repeat complainer."""
        self.ensure_one()
        if self.category_id:
            level = int(self.category_id.crm_priority)
        else:  # in triage: high until a person chose the category
            level = 0 if self.crm_classification == "not_complaint" else 2
        tier = self.partner_id.commercial_partner_id.crm_tier_id
        if tier:
            level += list(tier.program_id.crm_tier_ids).index(tier)
        if tier.priority_service:
            level += 1
        if self.crm_repeat_complainer:
            level += 1
        return str(min(level, 3))

    def _crm_flag_repeat_complainers(self):
        """Flag complaints of customers with N complaints in D days, raise
        their priority and plan a callback by a manager (高管回访)."""
        for company, tickets in self.grouped("company_id").items():
            partners = tickets.commercial_partner_id
            if not partners:
                continue
            since = fields.Datetime.now() - timedelta(
                days=company.crm_repeat_complaint_days
            )
            # Every complaint of the customer counts, readable or not.
            counts = dict(
                self.sudo()._read_group(
                    [
                        ("crm_is_complaint", "=", True),
                        ("company_id", "=", company.id),
                        ("commercial_partner_id", "in", partners.ids),
                        ("crm_received_date", ">=", since),
                    ],
                    ["commercial_partner_id"],
                    ["__count"],
                )
            )
            threshold = company.crm_repeat_complaint_count
            repeat = tickets.filtered(
                lambda t, counts=counts, threshold=threshold: (
                    not t.crm_repeat_complainer
                    and counts.get(t.commercial_partner_id, 0) >= threshold
                )
            )
            repeat.crm_repeat_complainer = True
            for ticket in repeat:
                ticket.priority = ticket._crm_priority()
                ticket.activity_schedule(
                    "crm_aftersales.mail_activity_type_complaint_callback",
                    summary=self.env._("Senior manager callback (高管回访)"),
                    note=self.env._(
                        "%(customer)s complained %(count)s times in %(days)s days.",
                        customer=ticket.commercial_partner_id.display_name,
                        count=counts[ticket.commercial_partner_id],
                        days=company.crm_repeat_complaint_days,
                    ),
                    user_id=(
                        company.crm_aftersales_manager_id or ticket.team_id.user_id
                    ).id
                    or self.env.uid,
                )

    def action_crm_classify(self):
        self._crm_classify(force=True)
        self._crm_route()
        self._crm_refresh_sla_status()
        return True

    def action_crm_route(self):
        self._crm_route()
        self._crm_refresh_sla_status()
        return True

    # ------------------------------------------------------------------
    # SLA and escalation
    # ------------------------------------------------------------------

    def _crm_sla_status_at(self, now):
        """On track, at risk or breached, from the response and routing
        deadlines of the complaint and its helpdesk SLAs (resolution)."""
        self.ensure_one()
        pending = []
        for deadline, done in (
            (self.crm_response_deadline, self.crm_first_response_date),
            (self.crm_routing_deadline, self.assigned_date),
        ):
            if not deadline:
                continue
            if done and done > deadline:
                return "breached"
            if not done:
                pending.append(deadline)
        for ticket_sla in self.ticket_sla_ids:
            if ticket_sla.state == "expired":
                return "breached"
            if ticket_sla.state == "in_progress" and ticket_sla.deadline:
                pending.append(ticket_sla.deadline)
        if any(deadline < now for deadline in pending):
            return "breached"
        risk = timedelta(hours=self.company_id.crm_sla_risk_hours)
        if any(deadline - now <= risk for deadline in pending):
            return "at_risk"
        return "on_track"

    def _crm_refresh_sla_status(self, now=None):
        """Store the SLA status, one write per status for the whole set."""
        now = now or fields.Datetime.now()
        by_status = defaultdict(list)
        for ticket in self:
            status = ticket._crm_sla_status_at(now)
            if status != ticket.crm_sla_status:
                by_status[status].append(ticket.id)
        for status, ids in by_status.items():
            self.browse(ids).write({"crm_sla_status": status})

    @api.model
    def _crm_open_complaints_domain(self):
        return Domain("crm_is_complaint", "=", True) & Domain("closed", "=", False)

    @api.model
    def _crm_escalate(self, now=None, progress=None):
        """Refresh the SLA status of open complaints, then alert the team
        leader of each breached one, and the after-sales manager when it is
        still open some hours later. Each is alerted once: the escalation
        level moves on, on tickets locked for it (busy ones wait for the next
        run). Returns the tickets escalated.
        """
        now = now or fields.Datetime.now()
        ticket_ids = self.search(self._crm_open_complaints_domain()).ids
        escalated = self.browse()
        for index, batch in enumerate(split_every(BATCH_SIZE, ticket_ids), start=1):
            tickets = self.browse(batch)
            tickets._crm_refresh_sla_status(now)
            escalated |= tickets._crm_escalate_breached(now)
            remaining = max(len(ticket_ids) - index * BATCH_SIZE, 0)
            if progress and not progress(len(batch), remaining):
                break
        return escalated

    def _crm_escalate_breached(self, now):
        breached = self.filtered(lambda t: t.crm_sla_status == "breached")
        to_leader = breached.filtered(lambda t: t.crm_escalation_level == "none")
        to_manager = breached.filtered(
            lambda t: (
                t.crm_escalation_level == "leader"
                and t.crm_escalation_date
                <= now - timedelta(hours=t.company_id.crm_escalation_hours)
            )
        )
        to_leader = to_leader.try_lock_for_update()
        to_manager = to_manager.try_lock_for_update()
        # Another run may have escalated them between the read and the lock.
        (to_leader | to_manager).invalidate_recordset(["crm_escalation_level"])
        to_leader = to_leader.filtered(lambda t: t.crm_escalation_level == "none")
        to_manager = to_manager.filtered(lambda t: t.crm_escalation_level == "leader")
        for ticket in to_leader:
            ticket._crm_alert(
                ticket.team_id.user_id or ticket.company_id.crm_aftersales_manager_id,
                self.env._("Complaint SLA breached: please take it in hand"),
            )
        for ticket in to_manager:
            ticket._crm_alert(
                ticket.company_id.crm_aftersales_manager_id or ticket.team_id.user_id,
                self.env._("Complaint SLA breached and still open: escalated"),
            )
        to_leader.write({"crm_escalation_level": "leader", "crm_escalation_date": now})
        to_manager.write(
            {"crm_escalation_level": "manager", "crm_escalation_date": now}
        )
        return to_leader | to_manager

    def _crm_alert(self, user, summary):
        self.ensure_one()
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=summary,
            user_id=(user or self.user_id).id or self.env.uid,
        )

    @api.model
    def _cron_escalate_complaints(self):
        cron = self.env["ir.cron"]
        self._crm_escalate(
            progress=lambda done, remaining: cron._commit_progress(
                done, remaining=remaining
            )
        )

    # ------------------------------------------------------------------
    # Closed loop
    # ------------------------------------------------------------------

    def _crm_check_closable(self, vals):
        """Refuse to close a complaint without resolution, root cause (and
        lot when a product is involved) and compensation decision."""
        for ticket in self:

            def value(fname, ticket=ticket):
                return vals[fname] if fname in vals else ticket[fname]

            missing = []
            if not (value("crm_resolution") or "").strip():
                missing.append(self.env._("Resolution"))
            if not value("crm_cause_id"):
                missing.append(self.env._("Root Cause"))
            if value("crm_product_id") and not value("crm_lot_id"):
                missing.append(self.env._("Lot"))
            decision = value("crm_compensation_decision")
            if not decision:
                missing.append(self.env._("Compensation Decision"))
            if missing:
                raise ValidationError(
                    self.env._(
                        "Complaint %(ticket)s cannot be closed yet: fill in "
                        "%(fields)s.",
                        ticket=ticket.display_name,
                        fields=", ".join(missing),
                    )
                )
            if decision == "compensate" and not ticket.crm_compensation_ids.filtered(
                lambda c: c.state in ("issued", "declined")
            ):
                raise ValidationError(
                    self.env._(
                        "Complaint %(ticket)s: the Compensation Decision is to "
                        "compensate, but the customer has no compensation yet "
                        "(a reissue counts once delivered, a refund once its "
                        "credit note is posted). Issue it, record that the "
                        "customer declined it, or choose No Compensation.",
                        ticket=ticket.display_name,
                    )
                )

    def _crm_after_close(self):
        """Ask the customers' satisfaction with the satisfaction survey on
        their preferred channel, and plan the callback that records it for
        those who do not answer."""
        self.env["survey.user_input"]._crm_request_satisfaction(
            [
                {
                    "partner_id": ticket.partner_id.id,
                    "crm_company_id": ticket.company_id.id,
                    "crm_origin": "complaint",
                    "crm_ticket_id": ticket.id,
                }
                for ticket in self
                if ticket.partner_id
            ]
        )
        for ticket in self:
            ticket.activity_schedule(
                "crm_aftersales.mail_activity_type_complaint_callback",
                date_deadline=fields.Date.context_today(ticket)
                + timedelta(days=ticket.company_id.crm_complaint_callback_days),
                summary=self.env._("Satisfaction callback"),
                user_id=(ticket.user_id or ticket.team_id.user_id).id or self.env.uid,
            )

    def rating_apply(
        self,
        rate,
        token=None,
        rating=None,
        feedback=None,
        subtype_xmlid=None,
        notify_delay_send=False,
    ):
        rating = super().rating_apply(
            rate,
            token=token,
            rating=rating,
            feedback=feedback,
            subtype_xmlid=subtype_xmlid,
            notify_delay_send=notify_delay_send,
        )
        if rate < RATING_LIMIT_OK:
            self.filtered(lambda t: t.crm_is_complaint and t.closed)._crm_reopen()
        return rating

    def _crm_reopen(self):
        """Reopen complaints the customer is not satisfied with, and tell the
        team leader."""
        for ticket in self:
            stage = ticket.team_id._get_applicable_stages().filtered(
                lambda s: not s.closed and not s.unattended
            )[:1]
            if not stage:
                raise UserError(
                    self.env._(
                        "Complaint %(ticket)s cannot be reopened: its team has no "
                        "open stage.",
                        ticket=ticket.display_name,
                    )
                )
            ticket.stage_id = stage
            ticket._crm_alert(
                ticket.team_id.user_id or ticket.company_id.crm_aftersales_manager_id,
                self.env._("Customer not satisfied: complaint reopened"),
            )

    # ------------------------------------------------------------------
    # Compensation
    # ------------------------------------------------------------------

    def action_crm_propose_compensation(self):
        self._crm_propose_compensation()
        return True

    def _crm_propose_compensation(self):
        """Propose the compensation of the matrix line for the complaint's
        category, severity and customer tier (once per line); return it."""
        self.ensure_one()
        tier = self.commercial_partner_id.crm_tier_id
        rule = self.env["crm.complaint.compensation.rule"]._find(
            self.category_id, self.crm_severity, tier, self.company_id
        )
        if not rule:
            raise UserError(
                self.env._(
                    "The compensation matrix has no line for category "
                    "%(category)s, severity %(severity)s and tier %(tier)s: add "
                    "one, or enter the compensation by hand.",
                    category=self.category_id.display_name or "-",
                    severity=dict(SEVERITIES)[self.crm_severity],
                    tier=tier.display_name or "-",
                )
            )
        compensation = self.crm_compensation_ids.filtered(
            lambda c: c.rule_id == rule and c.state != "cancelled"
        )
        if not compensation:
            compensation = self.env["crm.complaint.compensation"].create(
                {
                    "ticket_id": self.id,
                    "rule_id": rule.id,
                    "compensation_type": rule.compensation_type,
                    "amount": rule.amount,
                    "product_id": rule.product_id.id,
                }
            )
        self.crm_compensation_decision = "compensate"
        return compensation

    def _crm_notify_complaint_update(self):
        """Tell the customers the stage their complaint reached, once per
        stage, through the suite's customer messages: a service message, so
        not capped by the daily limit."""
        return self._crm_notify(
            lambda ticket: f"complaint_stage:{ticket.stage_id.id}",
            "crm_aftersales.mail_template_complaint_update",
            "crm_aftersales.sms_template_complaint_update",
            kind="service",
        )

    def _crm_acknowledge(self):
        """Acknowledge new complaints to their customers, once, on their
        preferred channel, with the time to expect an answer (the earliest
        running SLA of the team and category, else the first response
        deadline). Called on creation, whatever the door: back office,
        order line wizard, portal, email, API. A ticket classified *not a
        complaint* (praise, a question) is not acknowledged."""
        return self.filtered(
            lambda ticket: (
                ticket.crm_is_complaint
                and ticket.partner_id
                and ticket.crm_classification != "not_complaint"
            )
        )._crm_notify(
            "complaint_received",
            "crm_aftersales.mail_template_complaint_received",
            "crm_aftersales.sms_template_complaint_received",
            kind="service",
        )

    def _track_template(self, tracking):
        res = super()._track_template(tracking)
        # The complaint update above replaces the stage's own email.
        if self[:1].crm_is_complaint:
            res.pop("stage_id", None)
        return res

    def action_crm_improvement_action(self):
        """Open a new corrective action answering the root cause of these
        complaints."""
        return (
            self.env["crm.complaint.cause.report"]
            .search([("source", "=", "complaint"), ("res_id", "in", self.ids)])
            .action_crm_improvement_action()
        )
