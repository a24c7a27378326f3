# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import float_is_zero

from ..tools import points_flow


class AccountMove(models.Model):
    """A posted credit note of a sale order's goods takes back the points
    they earned.

    Credit notes made with *Add Credit Note* on the order's invoice, and
    those of the suite's returns refunded through rma, refund sale order
    lines (``sale_line_ids``): their posting takes back the share of the
    order's earned points that they refund, as a refund at the till does.
    Reset to draft (or cancelled), a credit note refunds nothing: the points
    it took back are given back by reversal lines, and posted again it takes
    them back again.
    """

    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        refunds = posted.filtered(lambda move: move.move_type == "out_refund")
        if refunds:
            # sudo: accounting posts credit notes without access to the
            # orders and the cards whose points they take back.
            points_flow(refunds.sudo())._crm_take_back_refunded_points()
        return posted

    def button_draft(self):
        refunds = self.filtered(
            lambda move: move.move_type == "out_refund" and move.state == "posted"
        )
        res = super().button_draft()
        if refunds:
            # sudo: as for posting
            points_flow(refunds.sudo())._crm_give_back_taken_points()
        return res

    def _crm_take_backs(self):
        """The ledger lines by which these credit notes take back points and
        that are not reversed."""
        return self.env["loyalty.history"].search(
            [
                ("order_model", "=", self._name),
                ("order_id", "in", self.ids),
                ("crm_move_type", "=", "reversed"),
                ("crm_reversal_of_id", "=", False),
                ("crm_reversed", "=", False),
            ]
        )

    def _crm_give_back_taken_points(self):
        """Give back the points these credit notes took back: each of their
        lines is cancelled by a reversal line, the ledger stays append-only."""
        quiet = {"loyalty_no_mail": True, "mail_notrack": True}
        take_backs = self._crm_take_backs()
        for card, lines in take_backs.grouped("card_id").items():
            card._crm_lock_points()
            reversals = lines._crm_reverse()
            points_flow(card).with_context(**quiet).points += sum(
                reversals.mapped("issued")
            ) - sum(reversals.mapped("used"))

    def _crm_refunded_lines(self):
        """The credit note lines of ``self`` refunding goods of sale orders
        (down payments are not goods)."""
        return self.invoice_line_ids.filtered(
            lambda line: line.sale_line_ids.filtered(
                lambda sale_line: not sale_line.is_downpayment
            )
        )

    def _crm_take_back_refunded_points(self):
        """Take back the points the refunded sale orders earned, pro rata.

        Each order's earned line on a loyalty card gives back the order's
        earned points times the amount this credit note refunds of the order
        over the order's total (taxes included), once per posted credit note
        and card. The credit notes of an order never refund more than its
        total between them, so never take back more than it earned (credit
        notes posted together count in the order of ``self``).
        The points come first from what is left of the earned line; those
        already spent follow the program's rule
        (:meth:`loyalty.history._crm_take_back`).
        """
        History = self.env["loyalty.history"]
        pending = self
        for refund in self:
            pending -= refund
            refund_lines = refund._crm_refunded_lines()
            for order in refund_lines.sale_line_ids.order_id:
                total = order.amount_total
                if float_is_zero(total, precision_rounding=order.currency_id.rounding):
                    continue
                earned = History.search(
                    [
                        ("order_model", "=", order._name),
                        ("order_id", "=", order.id),
                        ("crm_move_type", "=", "earned"),
                        ("crm_reversed", "=", False),
                        ("issued", ">", 0),
                    ]
                ).filtered(lambda line: line.card_id._crm_ledger_cards())
                if not earned:
                    continue
                refunded = refund._crm_refunded_amount(order)
                before = sum(
                    other._crm_refunded_amount(order)
                    for other in refund._crm_other_refunds_of(order) - pending
                )
                share = max(min(refunded, total - before), 0.0) / total
                if share <= 0:
                    continue
                for line in earned:
                    if not refund._crm_took_back(line.card_id):
                        line._crm_take_back(line.issued * share, refund)

    def _crm_refunded_amount(self, order):
        """What this credit note refunds of the sale ``order``, taxes
        included."""
        self.ensure_one()
        return sum(
            self._crm_refunded_lines()
            .filtered(lambda line: order in line.sale_line_ids.order_id)
            .mapped("price_total")
        )

    def _crm_other_refunds_of(self, order):
        """The other posted credit notes of the sale ``order``: they count
        against its total."""
        self.ensure_one()
        return order.order_line.invoice_lines.move_id.filtered(
            lambda move: (
                move.move_type == "out_refund"
                and move != self
                and move.state == "posted"
            )
        )

    def _crm_took_back(self, card):
        """Whether this credit note holds points of ``card`` taken back."""
        self.ensure_one()
        return bool(self._crm_take_backs().filtered(lambda line: line.card_id == card))
