# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

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
    """A compensation given for a complaint, issued exactly once."""

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
    issued_date = fields.Datetime(readonly=True, copy=False)
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
        "(ticket_id, compensation_type) WHERE state = 'issued'",
        "This kind of compensation was already issued for this complaint.",
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
        if any(c.state == "issued" for c in self):
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
        if any(c.state == "issued" for c in self):
            raise UserError(self.env._("An issued compensation cannot be cancelled."))
        self.sudo().write({"state": "cancelled"})
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
        if self.state == "issued":
            raise UserError(
                self.env._(
                    "%(compensation)s was already issued on %(date)s.",
                    compensation=self.display_name,
                    date=self.issued_date,
                )
            )
        if self.state == "cancelled":
            raise UserError(
                self.env._(
                    "%(compensation)s is cancelled: propose a new one.",
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
        vals = getattr(compensation_sudo, f"_issue_{self.compensation_type}")()
        vals.update(
            state="issued", issued_by_id=self.env.uid, issued_date=fields.Datetime.now()
        )
        compensation_sudo.write(vals)
        body = self.env._(
            "Compensation issued: %(compensation)s.", compensation=self.display_name
        )
        self.ticket_id.message_post(body=body, subtype_xmlid="mail.mt_note")

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
        card = self.env["loyalty.card"].create(
            {
                "program_id": program.id,
                "partner_id": self.partner_id.id,
                "points": self.amount,
            }
        )
        return {"loyalty_card_id": card.id}

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
        line = card._crm_adjust_points(self.amount, self._reason())
        return {"loyalty_card_id": card.id, "loyalty_history_id": line.id}

    def _issue_reissue(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "origin": self.ticket_id.number,
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
        return {"sale_order_id": order.id}

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
        return {"refund_move_id": move.id}
