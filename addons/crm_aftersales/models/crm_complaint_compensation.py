# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain

from .crm_complaint_compensation_rule import COMPENSATION_TYPES, is_positive_amount

PROTECTED_FIELDS = {
    "state",
    "approved_by_id",
    "issued_by_id",
    "issued_date",
    "loyalty_card_id",
    "loyalty_history_id",
    "sale_order_id",
    "refund_move_id",
}
TERMS_FIELDS = {"ticket_id", "compensation_type", "amount", "product_id"}


class CrmComplaintCompensation(models.Model):
    """A compensation given for a complaint, exactly once.

    *Issue* gives it: a coupon is generated and sent, points are posted to
    the member's ledger; a reissue order is confirmed and a credit note is
    drafted, and the compensation stays *Approved* until the order is
    delivered or the credit note posted. It is *Issued* when the customer
    has it, or *Declined* when the customer refuses it.
    """

    _name = "crm.complaint.compensation"
    _description = "Complaint Compensation"
    _inherit = "mail.thread"
    _order = "id desc"
    _check_company_auto = True

    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complaint",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        related="ticket_id.commercial_partner_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", related="ticket_id.company_id", store=True, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    rule_id = fields.Many2one(
        "crm.complaint.compensation.rule", string="Matrix Line", readonly=True
    )
    compensation_type = fields.Selection(
        COMPENSATION_TYPES, string="Type", required=True, tracking=True
    )
    amount = fields.Float(required=True, tracking=True)
    cap_amount = fields.Float(
        string="Cap",
        compute="_compute_cap_amount",
        help="Above the cap of the matrix line a manager approves; without a "
        "matrix line, every compensation is approved by a manager.",
    )
    needs_approval = fields.Boolean(compute="_compute_cap_amount")
    product_id = fields.Many2one(
        "product.product", string="Product to Reissue", check_company=True
    )
    state = fields.Selection(
        [
            ("draft", "Proposed"),
            ("approved", "Approved"),
            ("issued", "Issued"),
            ("declined", "Declined"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    issued_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    issued_date = fields.Datetime(
        readonly=True,
        copy=False,
        help="When the customer had the compensation: the coupon sent, the "
        "points posted, the reissue delivered or the credit note posted.",
    )
    in_progress = fields.Boolean(
        compute="_compute_in_progress",
        help="Issued by the staff, not received by the customer yet: the "
        "reissue order is not delivered or the credit note not posted.",
    )
    loyalty_card_id = fields.Many2one(
        "loyalty.card", string="Coupon or Card", readonly=True, copy=False
    )
    loyalty_history_id = fields.Many2one(
        "loyalty.history", string="Points Line", readonly=True, copy=False
    )
    sale_order_id = fields.Many2one(
        "sale.order", string="Reissue Order", readonly=True, copy=False
    )
    refund_move_id = fields.Many2one(
        "account.move", string="Credit Note", readonly=True, copy=False
    )

    _amount_positive = models.Constraint(
        "CHECK(amount > 0)", "A compensation amount must be greater than zero."
    )
    _issued_once = models.UniqueIndex(
        "(ticket_id, compensation_type) WHERE state = 'issued' OR (state = "
        "'approved' AND (sale_order_id IS NOT NULL OR refund_move_id IS NOT NULL))",
        "This kind of compensation was already issued for this complaint.",
    )

    @api.depends("state", "sale_order_id", "refund_move_id")
    def _compute_in_progress(self):
        for compensation in self:
            compensation.in_progress = compensation.state == "approved" and bool(
                compensation.sale_order_id or compensation.refund_move_id
            )

    @api.depends("rule_id.cap_amount", "amount")
    def _compute_cap_amount(self):
        for compensation in self:
            compensation.cap_amount = compensation.rule_id.cap_amount
            compensation.needs_approval = compensation.amount > compensation.cap_amount

    @api.constrains("amount")
    def _check_amount(self):
        for compensation in self:
            if not is_positive_amount(compensation.amount):
                raise ValidationError(
                    self.env._(
                        "Amount: enter a compensation greater than zero for "
                        "complaint %(ticket)s, not %(amount)s.",
                        ticket=compensation.ticket_id.display_name,
                        amount=compensation.amount,
                    )
                )

    @api.constrains("compensation_type", "product_id")
    def _check_product_id(self):
        for compensation in self:
            if compensation.compensation_type == "reissue" and not (
                compensation.product_id
            ):
                raise ValidationError(
                    self.env._(
                        "Product to Reissue: choose the product to send again for "
                        "complaint %(ticket)s.",
                        ticket=compensation.ticket_id.display_name,
                    )
                )

    @api.depends("compensation_type", "amount", "ticket_id")
    def _compute_display_name(self):
        types = dict(self._fields["compensation_type"]._description_selection(self.env))
        for compensation in self:
            compensation.display_name = (
                f"{compensation.ticket_id.number} - "
                f"{types.get(compensation.compensation_type, '')} "
                f"{compensation.amount:g}"
            )

    def write(self, vals):
        if PROTECTED_FIELDS & vals.keys() and not self.env.su:
            raise AccessError(
                self.env._(
                    "Compensations are approved and issued with their buttons only."
                )
            )
        if TERMS_FIELDS & vals.keys() and any(c.state != "draft" for c in self):
            raise UserError(
                self.env._(
                    "An approved, issued or cancelled compensation cannot be "
                    "changed: cancel it and propose a new one."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_issued(self):
        if any(c.state == "issued" or c.in_progress for c in self):
            raise UserError(self.env._("An issued compensation cannot be deleted."))

    def _is_manager(self):
        return self.env.user.has_group("crm_fresh_loyalty.group_customer_care_manager")

    def action_approve(self):
        if not self._is_manager():
            raise AccessError(
                self.env._("Only a customer care manager can approve a compensation.")
            )
        if any(c.state != "draft" for c in self):
            raise UserError(self.env._("Only proposed compensations can be approved."))
        self.sudo().write({"state": "approved", "approved_by_id": self.env.uid})
        return True

    def action_cancel(self):
        if any(c.state in ("issued", "declined") or c.in_progress for c in self):
            raise UserError(
                self.env._(
                    "An issued or declined compensation cannot be cancelled; "
                    "one on its way to the customer neither: decline it if the "
                    "customer refuses it."
                )
            )
        self.sudo().write({"state": "cancelled"})
        return True

    def action_decline(self):
        """The customer refuses the compensation: the reissue order and the
        draft credit note made for it are cancelled, and the complaint may
        close on it."""
        if any(c.state not in ("draft", "approved") for c in self):
            raise UserError(
                self.env._(
                    "Only a proposed or approved compensation not yet received "
                    "by the customer can be declined."
                )
            )
        self.check_access("write")
        self_sudo = self.sudo()
        orders = self_sudo.sale_order_id
        if orders.picking_ids.filtered(lambda p: p.state == "done"):
            raise UserError(
                self.env._(
                    "The reissue order %(orders)s was already delivered: the "
                    "compensation cannot be declined.",
                    orders=", ".join(orders.mapped("name")),
                )
            )
        orders._action_cancel()
        self_sudo.refund_move_id.filtered(lambda m: m.state == "draft").button_cancel()
        self_sudo.write({"state": "declined"})
        for compensation in self:
            compensation.ticket_id.message_post(
                body=self.env._(
                    "Compensation declined by the customer: %(compensation)s.",
                    compensation=compensation.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_issue(self):
        for compensation in self:
            compensation._issue()
        return True

    def _issue(self):
        """Give the compensation to the customer, once.

        The row is locked first, so a second click or a concurrent
        transaction either fails at the lock or finds it issued; the unique
        index refuses a second issued compensation of the same kind for the
        complaint.
        """
        self.ensure_one()
        self.check_access("write")
        self.lock_for_update()
        self.invalidate_recordset()
        if self.in_progress:
            raise UserError(
                self.env._(
                    "%(compensation)s is on its way to the customer: it is "
                    "issued once its reissue order is delivered or its credit "
                    "note posted.",
                    compensation=self.display_name,
                )
            )
        if self.state == "issued":
            raise UserError(
                self.env._(
                    "%(compensation)s was already issued on %(date)s.",
                    compensation=self.display_name,
                    date=self.issued_date,
                )
            )
        if self.state in ("cancelled", "declined"):
            raise UserError(
                self.env._(
                    "%(compensation)s is cancelled or declined: propose a new one.",
                    compensation=self.display_name,
                )
            )
        if self.needs_approval and self.state != "approved":
            raise UserError(
                self.env._(
                    "%(compensation)s is above the cap of %(cap)s: a customer care "
                    "manager must approve it first.",
                    compensation=self.display_name,
                    cap=self.cap_amount,
                )
            )
        if not self.partner_id:
            raise UserError(
                self.env._(
                    "Complaint %(ticket)s has no customer to compensate: set the "
                    "Contact first.",
                    ticket=self.ticket_id.display_name,
                )
            )
        compensation_sudo = self.sudo()
        getattr(compensation_sudo, f"_issue_{self.compensation_type}")()
        compensation_sudo.write({"state": "approved", "issued_by_id": self.env.uid})
        if compensation_sudo._customer_has_it():
            compensation_sudo._mark_issued()

    def _customer_has_it(self):
        """Whether the customer has the compensation: its credit note is
        posted, its reissue order delivered (or has nothing to deliver);
        coupons and points are given when issued."""
        self.ensure_one()
        if self.refund_move_id:
            return self.refund_move_id.state == "posted"
        if self.sale_order_id:
            pickings = self.sale_order_id.picking_ids
            return (
                self.sale_order_id.state == "sale"
                and all(p.state in ("done", "cancel") for p in pickings)
                and (not pickings or any(p.state == "done" for p in pickings))
            )
        return True

    def _mark_issued(self):
        """The customers have their compensations: issued now."""
        self.sudo().write({"state": "issued", "issued_date": fields.Datetime.now()})
        for compensation in self:
            compensation.ticket_id.message_post(
                body=self.env._(
                    "Compensation issued: %(compensation)s.",
                    compensation=compensation.display_name,
                ),
                subtype_xmlid="mail.mt_note",
            )

    @api.model
    def _mark_received(self, documents_domain):
        """Issue the compensations on their way whose reissue order or credit
        note matches ``documents_domain``, now that the customer has it."""
        self.sudo().search(
            Domain("state", "=", "approved") & Domain(documents_domain)
        ).filtered(lambda c: c._customer_has_it())._mark_issued()

    def _reason(self):
        return self.env._(
            "Compensation for complaint %(ticket)s", ticket=self.ticket_id.number
        )

    def _issue_coupon(self):
        program = self.company_id.crm_compensation_program_id
        if not program:
            raise UserError(
                self.env._(
                    "Compensation Coupon Program: choose the coupon program in "
                    "the after-sales settings before issuing coupons."
                )
            )
        # Sent below through the customer's preferred channel, not by the
        # program's own email.
        card = (
            self.env["loyalty.card"]
            .with_context(loyalty_no_mail=True)
            .create(
                {
                    "program_id": program.id,
                    "partner_id": self.partner_id.id,
                    "points": self.amount,
                }
            )
        )
        self.loyalty_card_id = card
        sent = self._crm_notify(
            "compensation_coupon",
            "crm_aftersales.mail_template_compensation_coupon",
            "crm_aftersales.sms_template_compensation_coupon",
            kind="service",
        ).filtered(lambda message: message.state != "skipped")
        if not sent:
            raise UserError(
                self.env._(
                    "The coupon cannot be sent to %(customer)s: no channel "
                    "reaches them. Add an email or a phone number, or choose "
                    "another kind of compensation.",
                    customer=self.partner_id.display_name,
                )
            )

    def _issue_points(self):
        card = self.partner_id.crm_membership_card_id
        if not card:
            raise UserError(
                self.env._(
                    "%(customer)s has no membership card to credit points to: "
                    "choose another kind of compensation.",
                    customer=self.partner_id.display_name,
                )
            )
        # The complaint's number is the customer's own: shown on the portal.
        reason = self._reason()
        line = card._crm_adjust_points(self.amount, reason, reason)
        self.write({"loyalty_card_id": card.id, "loyalty_history_id": line.id})

    def _issue_reissue(self):
        """A free order, marked as the compensation's (so no purchase of the
        customer), confirmed: issued once delivered."""
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "origin": self.ticket_id.number,
                "crm_compensation_id": self.id,
                "order_line": [
                    fields.Command.create(
                        {
                            "product_id": self.product_id.id,
                            "product_uom_qty": self.amount,
                            "price_unit": 0.0,
                            "tax_ids": [fields.Command.clear()],
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        self.sale_order_id = order

    def _issue_refund(self):
        move = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "invoice_origin": self.ticket_id.number,
                "invoice_line_ids": [
                    fields.Command.create(
                        {
                            "name": self._reason(),
                            "quantity": 1,
                            "price_unit": self.amount,
                        }
                    )
                ],
            }
        )
        # Issued once accounting posts it.
        self.refund_move_id = move
