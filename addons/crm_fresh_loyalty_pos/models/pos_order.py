# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict

from odoo import models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero, float_round

from odoo.addons.crm_customer_privacy.models.res_partner import (
    mask_email,
    mask_phone,
    recipient_copy_context,
)
from odoo.addons.crm_fresh_loyalty.tools import points_flow

_logger = logging.getLogger(__name__)

ORDER_MASKERS = {"email": mask_email, "mobile": mask_phone}


class PosOrder(models.Model):
    """The order keeps a copy of its customer's email and phone (for the
    receipt): crm_customer_privacy masks them like the customer's own for the
    users who see the customer's masked (``PERSONAL_DATA_COPIES``), and a
    masked value sent back by the till (order sync, receipt by email) stands
    for the real one."""

    _inherit = "pos.order"

    def action_pos_order_paid(self):
        res = super().action_pos_order_paid()
        points_flow(self.filtered("refunded_order_id"))._crm_take_back_refunded_points()
        self.env["loyalty.card"]._crm_evaluate_buyer_tiers(self.partner_id)
        return res

    def confirm_coupon_programs(self, coupon_data):
        # Keys are stringified over RPC.
        coupon_data = {int(key): vals for key, vals in coupon_data.items()}
        self._crm_apply_tier_multiplier(coupon_data)
        return super(PosOrder, points_flow(self)).confirm_coupon_programs(coupon_data)

    def add_loyalty_history_lines(self, coupon_data, coupon_updates):
        """Book what the order earned and what its rewards cost apart.

        The till sends one net figure per card; the points cost of the
        order's reward lines on the card is the redemption, and what the
        order won is the net figure plus that cost.
        """
        cost = defaultdict(float)
        for line in self.lines.filtered("coupon_id"):
            cost[line.coupon_id.id] += line.points_cost
        new_ids = {update["old_id"]: update["id"] for update in coupon_updates}
        for vals in coupon_data:
            card_id = new_ids.get(int(vals["card_id"]), int(vals["card_id"]))
            spent = cost.get(card_id, 0.0)
            if spent:
                net = vals["won"] - vals["spent"]
                vals.update(won=net + spent, spent=spent)
        return super().add_loyalty_history_lines(coupon_data, coupon_updates)

    def _check_existing_loyalty_cards(self, coupon_data):
        """Book a contact's points on the company's card.

        The till sends the nominative cards of the order's customer; for a
        contact of a company, the company's card of the program is the one
        Odoo finds (or creates) here: one card per company customer and
        program, as for sale orders.
        """
        partner_ids = [vals.get("partner_id") for vals in coupon_data.values()]
        partners = self.env["res.partner"].browse([pid for pid in partner_ids if pid])
        partners = partners.exists()
        commercial_of = {
            partner.id: partner.commercial_partner_id.id for partner in partners
        }
        nominative = (
            self.env["loyalty.program"]
            .browse({vals["program_id"] for vals in coupon_data.values()})
            .filtered(lambda program: program.program_type in ("loyalty", "ewallet"))
        )
        for vals in coupon_data.values():
            if vals.get("partner_id") and vals["program_id"] in nominative.ids:
                vals["partner_id"] = commercial_of.get(
                    vals["partner_id"], vals["partner_id"]
                )
        return super()._check_existing_loyalty_cards(coupon_data)

    def _crm_apply_tier_multiplier(self, coupon_data):
        """Multiply the points the order earns on a tiered card by its tier,
        and round them down to the program's point rounding.

        The POS sends the points it computed with the program's rules alone;
        the multiplier and the rounding are applied here, where the points
        are confirmed, so that the member's tier is the one on the server.
        The points the order's rewards cost are not multiplied.
        """
        self.ensure_one()
        programs = self.env["loyalty.program"].browse(
            {vals["program_id"] for vals in coupon_data.values()}
        )
        ledger = programs.filtered(lambda p: p.program_type == "loyalty")
        if not ledger:
            return
        Card = self.env["loyalty.card"].sudo().with_context(active_test=False)
        # The cards and their tiers in one query: this runs on every order.
        known = Card.search_fetch(
            [("id", "in", [key for key in coupon_data if key > 0])],
            ["crm_tier_id", "program_id"],
        )
        members = (
            Card._crm_cards_of(self.partner_id, ledger) if self.partner_id else Card
        )
        for key, vals in coupon_data.items():
            program = programs.browse(vals["program_id"])
            if program not in ledger:
                continue
            if key > 0:  # a card the POS knows, even if archived since
                card = known.filtered(lambda c, key=key: c.id == key)
            else:
                card = members.filtered(lambda c, p=program: c.program_id == p)[:1]
            codes = vals.get("line_codes") or []
            spent = sum(
                self.lines.filtered(
                    lambda line, codes=codes: line.reward_identifier_code in codes
                ).mapped("points_cost")
            )
            won = vals["points"] + spent
            self._crm_check_points_earnable(program, card, won)
            if won > 0:
                won *= card.crm_tier_id.points_multiplier or 1.0
                vals["points"] = program._crm_round_points(won) - spent

    def _crm_points_earnable(self, program):
        """The most points the order's lines can earn under ``program``'s
        rules, as the till computes them (pos_loyalty's ``pointsForPrograms``,
        which has no server side counterpart).

        An upper bound: the rules' minimum quantity and amount are not
        checked, and amounts count taxes included or excluded, whichever is
        higher. The program's own reward lines earn nothing.
        """
        self.ensure_one()
        lines = self.lines.filtered(
            lambda line: line.qty > 0 and line.reward_id.program_id != program
        )
        earnable = 0.0
        for rule in program.rule_ids:
            if rule.reward_point_mode == "order":
                earnable += rule.reward_point_amount
                continue
            if rule.any_product:
                products = lines.product_id
            else:
                products = lines.product_id.filtered_domain(
                    rule._get_valid_product_domain()
                )
            # A combo's price is on its items, its product on the parent line.
            matching = lines.filtered(
                lambda line, products=products: (
                    line.product_id in products
                    or line.combo_parent_id.product_id in products
                )
            )
            if rule.reward_point_mode == "money":
                amount = sum(
                    max(line.price_subtotal_incl, line.price_subtotal, 0.0)
                    for line in matching
                )
                earnable += rule.reward_point_amount * amount
            else:  # unit
                quantity = sum(
                    matching.filtered(lambda line: not line.combo_parent_id).mapped(
                        "qty"
                    )
                )
                earnable += rule.reward_point_amount * quantity
        # The till rounds each rule's points half-up to the cent.
        return float_round(earnable, precision_digits=2, rounding_method="UP")

    def _crm_check_points_earnable(self, program, card, points):
        """Refuse the points the till sends for ``card`` of the ledger
        ``program`` if the order's lines cannot earn them under its rules:
        the figure comes from the till (a public RPC), the rules from here."""
        if points <= 0:
            return
        earnable = self._crm_points_earnable(program)
        if float_compare(points, earnable, precision_digits=2) <= 0:
            return
        label = card._crm_label() if card else program.name
        _logger.warning(
            "POS order %s: refused %s points on card %s, its lines earn at most %s",
            self.name,
            points,
            label,
            earnable,
        )
        raise UserError(
            self.env._(
                "Order %(order)s: the till sent %(points)s points for card "
                "%(card)s, but the order's lines earn at most %(earnable)s "
                "points under the rules of %(program)s. Check the program's "
                "rules on the till (reload the point of sale) and confirm the "
                "order's points again.",
                order=self.name,
                points=points,
                card=label,
                earnable=earnable,
                program=program.name,
            )
        )

    def _crm_take_back_refunded_points(self):
        """Take back the points the refunded orders earned, pro rata.

        The POS gives no points for refunded lines but does not take back
        what the original order earned either. The refund takes back the
        share of the original order's earned points that it refunds, once
        per card and refund: on a loyalty card first from what is left of
        the order's earned line, the points already spent following the
        program's rule (:meth:`loyalty.history._crm_take_back`); on other
        cards never more than the card holds.
        """
        History = self.env["loyalty.history"].sudo()
        for refund in self:
            for order in refund.refunded_order_id:
                if float_is_zero(
                    order.amount_total, precision_rounding=order.currency_id.rounding
                ):
                    continue
                refunded = -sum(
                    refund.lines.filtered(
                        lambda line, order=order: (
                            line.refunded_orderline_id.order_id == order
                        )
                    ).mapped("price_subtotal_incl")
                )
                share = min(refunded / order.amount_total, 1.0)
                earned = History.search(
                    [
                        ("order_model", "=", order._name),
                        ("order_id", "=", order.id),
                        ("issued", ">", 0),
                    ]
                )
                for line in earned:
                    if refund._crm_took_back(line.card_id):
                        continue
                    if line.card_id._crm_ledger_cards():
                        if line.crm_move_type == "earned" and not line.crm_reversed:
                            line._crm_take_back(line.issued * share, refund)
                    else:
                        refund._crm_take_back_points(line.card_id, line.issued * share)

    def _crm_took_back(self, card):
        """Whether this refund has taken back points of ``card`` already."""
        self.ensure_one()
        return bool(
            self.env["loyalty.history"]
            .sudo()
            .search_count(
                [
                    ("card_id", "=", card.id),
                    ("order_model", "=", self._name),
                    ("order_id", "=", self.id),
                ],
                limit=1,
            )
        )

    def _crm_take_back_points(self, card, points):
        """Take back points of a coupon, gift card or eWallet, never more
        than it holds."""
        self.ensure_one()
        card._crm_lock_points()
        points = float_round(min(points, card.points), precision_digits=2)
        if points <= 0:
            return
        card.env["loyalty.history"].create(
            {
                "card_id": card.id,
                "order_model": self._name,
                "order_id": self.id,
                "crm_move_type": "reversed",
                "description": self.env._("Refund %(order)s", order=self.name),
                "issued": 0.0,
                "used": points,
            }
        )
        card.points -= points

    # Masking of the customer's contact details

    def _crm_masked_orders(self):
        """The orders of ``self`` whose contact details the user reads
        masked: those of customers they read masked, and those without a
        customer (an address typed at the till)."""
        Partner = self.env["res.partner"]
        if not Partner._crm_personal_data_applies():
            return self.browse()
        unmasked = self.partner_id._crm_personal_data_unmasked()
        return self.filtered(lambda order: order.partner_id not in unmasked)

    def _crm_unmask(self, fname, value):
        """The stored value when ``value`` is its masked form, else value."""
        self.ensure_one()
        stored = self[fname]
        if stored and value and value == ORDER_MASKERS[fname](stored):
            return stored
        return value

    def write(self, vals):
        personal = [fname for fname in vals if fname in ORDER_MASKERS]
        masked = self._crm_masked_orders() if personal else self.browse()
        if not masked:
            return super().write(vals)
        for order in self:
            order_vals = dict(vals)
            if order in masked:
                for fname in personal:
                    order_vals[fname] = order._crm_unmask(fname, vals[fname])
            super(PosOrder, order).write(order_vals)
        return True

    def action_send_receipt(self, email, ticket_image, basic_image):
        # the till offers the customer's address as it reads it: masked
        if self in self._crm_masked_orders():
            addresses = {
                self.email,
                self.partner_id.email,
                self.partner_id.invoice_emails,
            } - {False, ""}
            email = {mask_email(address): address for address in addresses}.get(
                email, email
            )
        return super().action_send_receipt(email, ticket_image, basic_image)

    def _get_mail_attachments(self, name, ticket, basic_ticket):
        # The invoice attached to the receipt mailed to the customer is the
        # customer's copy: printed in clear even when a cashier who reads
        # the customer masked sends it (crm_customer_privacy).
        return super(
            PosOrder, self.with_context(**recipient_copy_context())
        )._get_mail_attachments(name, ticket, basic_ticket)
