# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

AUTOMATIC_ACTIONS = ("automatic_on_confirm", "automatic_after_receipt")


class Rma(models.Model):
    _inherit = "rma"

    reason_id = fields.Many2one(
        "rma.reason", string="Return Reason", index=True, tracking=True
    )
    # Sale origin, in the shape of OCA rma_sale.
    order_id = fields.Many2one(
        "sale.order",
        string="Sale Order",
        index="btree_not_null",
        domain="[('partner_id', 'child_of', commercial_partner_id),"
        " ('state', '=', 'sale')]",
        copy=False,
    )
    sale_line_id = fields.Many2one(
        "sale.order.line",
        string="Sale Order Line",
        index="btree_not_null",
        domain="[('order_id', '=', order_id), ('display_type', '=', False)]",
        copy=False,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(
        compute="_compute_amount",
        store=True,
        help="Value of the returned goods: the price paid on the sale order "
        "line, else the product's sales price.",
    )
    # Inspection (检测)
    inspection_required = fields.Boolean(
        compute="_compute_inspection_required",
        help="The return is inspected before a refund or a replacement: its "
        "reason asks for it, or its operation takes photos as evidence.",
    )
    photo_evidence_required = fields.Boolean(
        related="operation_id.photo_evidence_required"
    )
    can_be_inspected = fields.Boolean(compute="_compute_can_be_inspected")
    inspection_result = fields.Selection(
        [
            ("pass", "Pass: claim upheld"),
            ("partial", "Partial: claim partly upheld"),
            ("fail", "Fail: claim rejected"),
        ],
        tracking=True,
        copy=False,
        help="Pass and partial let the refund or the replacement go on (split "
        "the return first to compensate part of it); fail stops them.",
    )
    inspection_note = fields.Text(copy=False)
    inspection_responsibility = fields.Selection(
        [
            ("supplier", "Supplier"),
            ("warehouse", "Warehouse"),
            ("delivery", "Delivery"),
            ("customer", "Customer"),
        ],
        string="Responsibility",
        tracking=True,
        copy=False,
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Batch",
        domain="allowed_lot_ids and [('id', 'in', allowed_lot_ids)]"
        " or [('product_id', '=', product_id)]",
        check_company=True,
        index="btree_not_null",
        copy=False,
    )
    allowed_lot_ids = fields.Many2many(
        "stock.lot",
        compute="_compute_allowed_lot_ids",
        help="The lots of the product delivered to the customer on the order "
        "line, proposed for the Lot/Batch.",
    )
    inspection_photo_ids = fields.Many2many(
        "ir.attachment",
        "rma_inspection_photo_rel",
        "rma_id",
        "attachment_id",
        string="Inspection Photos",
        copy=False,
    )
    inspection_photo_count = fields.Integer(compute="_compute_inspection_photo_count")
    inspection_date = fields.Datetime(readonly=True, copy=False)
    inspection_user_id = fields.Many2one(
        "res.users", string="Inspected By", readonly=True, copy=False
    )
    # Approval (审批)
    approval_state = fields.Selection(
        [
            ("not_required", "Not Required"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
        ],
        readonly=True,
        copy=False,
        tracking=True,
    )
    approval_user_id = fields.Many2one(
        "res.users", string="Approved By", readonly=True, copy=False
    )
    notification_ids = fields.One2many(
        "rma.notification", "rma_id", string="Customer Notifications"
    )
    crm_improvement_action_ids = fields.Many2many(
        "mgmtsystem.action",
        "mgmtsystem_action_rma_rel",
        "rma_id",
        "action_id",
        string="Improvement Actions",
        readonly=True,
        copy=False,
    )
    crm_satisfaction_answer_ids = fields.One2many(
        "survey.user_input", "crm_rma_id", string="Satisfaction Answers", readonly=True
    )

    @api.depends(
        "product_uom_qty",
        "product_uom",
        "product_id.lst_price",
        "sale_line_id.price_reduce_taxinc",
        "sale_line_id.product_uom_id",
    )
    def _compute_amount(self):
        for rma in self:
            line = rma.sale_line_id
            if line:
                qty = rma.product_uom._compute_quantity(
                    rma.product_uom_qty, line.product_uom_id
                )
                rma.amount = qty * line.price_reduce_taxinc
            else:
                rma.amount = rma.product_uom_qty * rma.product_id.lst_price

    @api.depends("reason_id.inspection_required", "photo_evidence_required")
    def _compute_inspection_required(self):
        for rma in self:
            rma.inspection_required = (
                rma.reason_id.inspection_required or rma.photo_evidence_required
            )

    @api.depends("sale_line_id", "product_id")
    def _compute_allowed_lot_ids(self):
        delivered = self.env["stock.lot"]._crm_delivered_lots(self.sale_line_id)
        for rma in self:
            rma.allowed_lot_ids = delivered[rma.sale_line_id].filtered(
                lambda lot, rma=rma: lot.product_id == rma.product_id
            )

    @api.depends("inspection_photo_ids")
    def _compute_inspection_photo_count(self):
        for rma in self:
            rma.inspection_photo_count = len(rma.inspection_photo_ids)

    @api.depends(
        "state", "inspection_required", "inspection_date", "photo_evidence_required"
    )
    def _compute_can_be_inspected(self):
        for rma in self:
            rma.can_be_inspected = (
                rma.inspection_required
                and not rma.inspection_date
                and (
                    rma.state == "received"
                    or (rma.state == "confirmed" and rma.photo_evidence_required)
                )
            )

    @api.depends("move_id", "sale_line_id")
    def _compute_product_id(self):
        res = super()._compute_product_id()
        for rma in self.filtered(lambda r: r.sale_line_id and not r.move_id):
            rma.product_id = rma.sale_line_id.product_id
        return res

    @api.depends("move_id", "product_id", "sale_line_id")
    def _compute_product_uom(self):
        res = super()._compute_product_uom()
        for rma in self.filtered(lambda r: r.sale_line_id and not r.move_id):
            rma.product_uom = rma.sale_line_id.product_uom_id
        return res

    @api.depends(
        "state",
        "operation_id",
        "operation_id.action_create_refund",
        "inspection_required",
        "inspection_date",
        "inspection_result",
        "approval_state",
    )
    def _compute_can_be_refunded(self):
        res = super()._compute_can_be_refunded()
        for rma in self.filtered("can_be_refunded"):
            rma.can_be_refunded = not rma._awaits_decision()
        return res

    @api.depends(
        "state",
        "operation_id",
        "operation_id.action_create_delivery",
        "inspection_required",
        "inspection_date",
        "inspection_result",
        "approval_state",
    )
    def _compute_can_be_replaced(self):
        res = super()._compute_can_be_replaced()
        for rma in self.filtered("can_be_replaced"):
            rma.can_be_replaced = not rma._awaits_decision()
        return res

    def _awaits_decision(self):
        """Whether a refund or a replacement must still wait: a manager has
        not approved it yet, the return is not inspected yet, or the
        inspection rejected the claim."""
        self.ensure_one()
        return self.approval_state == "to_approve" or (
            self.inspection_required
            and (not self.inspection_date or self.inspection_result == "fail")
        )

    def _crm_needs_approval(self):
        """Whether the return is worth more than its company's approval
        amount, whatever its reason."""
        self.ensure_one()
        return (
            self.currency_id.compare_amounts(
                self.amount, self.company_id.rma_approval_amount
            )
            > 0
        )

    @api.constrains("product_uom_qty")
    def _check_product_uom_qty(self):
        for rma in self:
            if rma.product_uom_qty <= 0:
                raise ValidationError(
                    self.env._(
                        "Quantity: the quantity of return %(name)s must be "
                        "positive; set it to what the customer returns.",
                        name=rma.name,
                    )
                )

    @api.constrains("order_id", "sale_line_id")
    def _check_sale_line_order(self):
        for rma in self.filtered("sale_line_id"):
            if rma.sale_line_id.order_id != rma.order_id:
                raise ValidationError(
                    self.env._(
                        "Sale Order Line: the line of return %(name)s must belong "
                        "to its Sale Order %(order)s.",
                        name=rma.name,
                        order=rma.order_id.name,
                    )
                )

    def _crm_returned_qty(self, line_field, lines):
        """``{line: quantity}``: how much of each order line (in the line's
        unit) all its returns but the cancelled ones take back, ``line_field``
        being the field of the return that points to the line."""
        returned = defaultdict(float)
        if not lines:
            return returned
        for line, uom, qty in self._read_group(
            [(line_field, "in", lines.ids), ("state", "!=", "cancelled")],
            [line_field, "product_uom"],
            ["product_uom_qty:sum"],
        ):
            returned[line] += uom._compute_quantity(qty, line.product_uom_id)
        return returned

    def _crm_check_returned_qty(self, line_field, returnable, message):
        """Refuse returns that take back more of an order line than may be.

        :param line_field: the field of the return pointing to the line.
        :param returnable: a function giving how much of a line (in its unit)
            its returns, all but the cancelled ones, may take back together.
        :param message: the translated error, formatted with ``product``,
            ``order``, ``returned``, ``returnable`` and ``uom``.
        """
        lines = self[line_field]
        returned = self._crm_returned_qty(line_field, lines)
        for line in lines:
            limit = returnable(line)
            if (
                float_compare(
                    returned[line],
                    limit,
                    precision_rounding=line.product_uom_id.rounding,
                )
                > 0
            ):
                raise ValidationError(
                    message
                    % {
                        "product": line.product_id.display_name,
                        "order": line.order_id.name,
                        "returned": returned[line],
                        "returnable": limit,
                        "uom": line.product_uom_id.name,
                    }
                )

    @api.constrains("sale_line_id", "product_uom_qty", "product_uom", "state")
    def _check_sale_line_qty(self):
        """All the returns of a sale order line, except the cancelled ones,
        never exceed what was delivered of it."""
        self._crm_check_returned_qty(
            "sale_line_id",
            lambda line: line.qty_delivered,
            self.env._(
                "Quantity: the returns of %(product)s on %(order)s add up "
                "to %(returned)s %(uom)s but only %(returnable)s %(uom)s "
                "were delivered; lower it."
            ),
        )

    @api.constrains("lot_id", "product_id")
    def _check_lot_product(self):
        for rma in self.filtered("lot_id"):
            if rma.lot_id.product_id != rma.product_id:
                raise ValidationError(
                    self.env._(
                        "The Lot/Batch %(lot)s of return %(name)s is not a lot of "
                        "%(product)s: choose a lot of the returned product.",
                        lot=rma.lot_id.name,
                        name=rma.name,
                        product=rma.product_id.display_name,
                    )
                )

    @api.constrains("inspection_photo_ids")
    def _check_inspection_photos(self):
        for rma in self:
            not_images = rma.inspection_photo_ids.filtered(
                lambda attachment: not (attachment.mimetype or "").startswith("image/")
            )
            if not_images:
                raise ValidationError(
                    self.env._(
                        "The Inspection Photos of return %(name)s must be images: "
                        "remove %(files)s.",
                        name=rma.name,
                        files=", ".join(not_images.mapped("name")),
                    )
                )

    def write(self, vals):
        if (
            vals.get("approval_state") == "approved"
            and not self.env.su
            and not self.env.user.has_group(
                "crm_fresh_loyalty.group_customer_care_manager"
            )
        ):
            raise AccessError(
                self.env._("Only customer care managers can approve returns.")
            )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Inspection and approval
    # ------------------------------------------------------------------

    def action_inspection_done(self):
        """Record the inspection, then either wait for a manager (value above
        the company's approval amount) or let the flow go on at once."""
        for rma in self:
            if not rma.can_be_inspected:
                raise UserError(
                    self.env._(
                        "Return %(name)s cannot be inspected now: inspect it "
                        "once the goods are received (or, for a compensation "
                        "without return, once it is confirmed), and only once.",
                        name=rma.name,
                    )
                )
            if not rma.inspection_result or not rma.inspection_responsibility:
                raise ValidationError(
                    self.env._(
                        "Set the Inspection Result and the Responsibility of "
                        "return %(name)s before closing the inspection.",
                        name=rma.name,
                    )
                )
            if rma.photo_evidence_required and not rma.inspection_photo_ids:
                raise ValidationError(
                    self.env._(
                        "Return %(name)s is a compensation without return: attach "
                        "at least one photo of the goods in Inspection Photos.",
                        name=rma.name,
                    )
                )
        for rma in self:
            needs_approval = (
                rma.inspection_result != "fail" and rma._crm_needs_approval()
            )
            rma.write(
                {
                    "inspection_date": fields.Datetime.now(),
                    "inspection_user_id": self.env.uid,
                    "approval_state": "to_approve"
                    if needs_approval
                    else "not_required",
                }
            )
        self._notify_customer("inspected")
        self._run_deferred_actions()
        return True

    def action_confirm(self):
        # A return not inspected waits for a manager from its confirmation
        # when worth more than the approval amount, before the operation's
        # automatic refund or replacement; an inspected one is decided at
        # its inspection.
        drafts = self.filtered(lambda rma: rma.state == "draft")
        drafts._ensure_required_fields()
        # The reason decides the inspection: a return is confirmed with one.
        missing = drafts.filtered(lambda rma: not rma.reason_id)
        if missing:
            raise ValidationError(
                self.env._(
                    "Return Reason: choose why the customer returns the goods "
                    "of %(names)s before confirming; the reason decides whether "
                    "the return is inspected.",
                    names=", ".join(missing.mapped("name")),
                )
            )
        for rma in drafts.filtered(lambda rma: not rma.inspection_required):
            rma.approval_state = (
                "to_approve" if rma._crm_needs_approval() else "not_required"
            )
        super().action_confirm()
        # rma's button returns nothing, which XML-RPC cannot marshal
        return True

    def action_approve(self):
        if not self.env.user.has_group("crm_fresh_loyalty.group_customer_care_manager"):
            raise AccessError(
                self.env._("Only customer care managers can approve returns.")
            )
        waiting = self.filtered(lambda r: r.approval_state == "to_approve")
        if waiting != self:
            raise UserError(
                self.env._(
                    "These returns are not waiting for an approval: %(names)s.",
                    names=", ".join((self - waiting).mapped("name")),
                )
            )
        self.write({"approval_state": "approved", "approval_user_id": self.env.uid})
        self._notify_customer("approved")
        self._run_deferred_actions()
        return True

    def _run_deferred_actions(self):
        """Run the automatic refund or replacement of the operation that the
        inspection and the approval held back."""
        for rma in self.filtered(lambda r: not r._awaits_decision()):
            moment = (
                "automatic_after_receipt"
                if rma.state == "received"
                else "automatic_on_confirm"
            )
            if rma.operation_id.action_create_delivery == moment:
                rma.create_replace(
                    fields.Datetime.now(),
                    rma.warehouse_id,
                    rma.product_id,
                    rma.product_uom_qty,
                    rma.product_uom,
                )
            if rma.operation_id.action_create_refund == moment:
                rma.action_refund()

    # ------------------------------------------------------------------
    # rma flow hooks
    # ------------------------------------------------------------------

    def create_replace(self, scheduled_date, warehouse, product, qty, uom):
        # Automatic replacements wait for the inspection and the approval;
        # _run_deferred_actions replaces them afterwards.
        deferred = self.filtered(
            lambda r: (
                r.operation_id.action_create_delivery in AUTOMATIC_ACTIONS
                and r._awaits_decision()
            )
        )
        to_replace = self - deferred
        if not to_replace:
            return None
        res = super(Rma, to_replace).create_replace(
            scheduled_date, warehouse, product, qty, uom
        )
        to_replace._notify_customer("replaced")
        to_replace._crm_request_satisfaction()
        return res

    def action_refund(self):
        # Serialise refunds of the same returns: the second of two concurrent
        # calls sees the refund of the first and creates none.
        self.lock_for_update()
        self.invalidate_recordset()
        super(Rma, self.filtered(lambda r: not r.refund_id)).action_refund()
        return True

    def _action_refund_after_hook(self):
        res = super()._action_refund_after_hook()
        self._notify_customer("refunded")
        self._crm_request_satisfaction()
        return res

    def update_received_state_on_reception(self):
        res = super().update_received_state_on_reception()
        self._notify_customer("received")
        return res

    def _prepare_refund_line_vals(self):
        # As OCA rma_sale does, the credit note line refunds the sale order
        # line: its price, and the link by which the refund lowers the
        # customer's spend (purchase facts) and the line's invoiced quantity.
        vals = super()._prepare_refund_line_vals()
        line = self.sale_line_id
        if line:
            vals.update(
                price_unit=line.product_uom_id._compute_price(
                    line.price_unit, self.product_uom
                ),
                discount=line.discount,
                tax_ids=[fields.Command.set(line.tax_ids.ids)],
                sale_line_ids=[fields.Command.link(line.id)],
            )
        return vals

    # ------------------------------------------------------------------
    # Customer notifications
    # ------------------------------------------------------------------

    def _notify_customer(self, step):
        """Tell each customer about a step of their return, once per step,
        through the suite's customer messages (preferred channel, opt-outs,
        retries); a service message, so not capped. Returns the returns whose
        customer a channel reaches."""
        messages = self._crm_notify(
            f"rma_{step}",
            f"crm_aftersales.mail_template_rma_{step}",
            f"crm_aftersales.sms_template_rma_{step}",
            kind="service",
        ).filtered(lambda message: message.state != "skipped")
        # The step log is the system's record, read-only for care users.
        self.env["rma.notification"].sudo().create(
            [
                {"rma_id": message.res_id, "step": step, "channel": message.channel}
                for message in messages
            ]
        )
        return self.browse(messages.mapped("res_id"))

    def _crm_request_satisfaction(self):
        """Ask the customers of finished returns (refunded or replaced) their
        satisfaction, once per return."""
        answered = self.sudo().crm_satisfaction_answer_ids.crm_rma_id
        return self.env["survey.user_input"]._crm_request_satisfaction(
            [
                {
                    "partner_id": rma.partner_id.id,
                    "crm_company_id": rma.company_id.id,
                    "crm_origin": "return",
                    "crm_rma_id": rma.id,
                }
                for rma in self - answered
                if rma.partner_id
            ]
        )

    def action_crm_improvement_action(self):
        """Open a new corrective action answering the root cause of these
        returns."""
        return (
            self.env["crm.complaint.cause.report"]
            .search([("source", "=", "return"), ("res_id", "in", self.ids)])
            .action_crm_improvement_action()
        )
