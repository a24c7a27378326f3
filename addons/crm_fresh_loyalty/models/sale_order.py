# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.fields import Domain

from ..tools import points_flow


class SaleOrder(models.Model):
    """Orders earn on and spend from the card of the company customer.

    Odoo finds (and creates) the nominative cards of an order from the
    order's customer; a contact of a company would get a card of its own,
    while the suite reads the company's card everywhere (360° view, tiers,
    portal). :meth:`_crm_loyalty_partner` is the customer whose cards the
    order uses: the company's cards are offered for redemption while the
    order is quoted, and the points the order earns are booked on the
    company's card when it is confirmed.

    Points move through Odoo's own flows, in a sanctioned points flow (see
    :func:`~odoo.addons.crm_fresh_loyalty.tools.points_flow`): confirmation,
    cancellation (which reverses the order's ledger lines), rewards applied
    online or in the back office.
    """

    _inherit = "sale.order"

    def _crm_loyalty_partner(self):
        """The customer whose loyalty cards the order earns on and spends from:
        the commercial partner of the order's customer (the company of a
        contact), one card per company customer and program."""
        self.ensure_one()
        return self.partner_id.commercial_partner_id

    def _crm_company_point_entries(self):
        """The order's pending points on cards of its company customer, when
        the order's customer is a contact of that company."""
        self.ensure_one()
        company = self._crm_loyalty_partner()
        if company == self.partner_id:
            return self.env["sale.order.coupon.points"]
        return self.coupon_point_ids.filtered(
            lambda entry: entry.coupon_id.partner_id == company
        )

    def _program_check_compute_points(self, programs):
        """Multiply the points a tiered program gives by the member's tier,
        then round them down to the program's point rounding."""
        result = super()._program_check_compute_points(programs)
        tiered = programs.filtered("crm_tier_ids")
        if tiered and self.partner_id:
            cards = self.env["loyalty.card"]._crm_cards_of(self.partner_id, tiered)
            for card in cards.filtered("crm_tier_id"):
                status = result.get(card.program_id, {})
                multiplier = card.crm_tier_id.points_multiplier
                if "points" in status and multiplier != 1.0:
                    status["points"] = [
                        points * multiplier for points in status["points"]
                    ]
        for program in programs.filtered(lambda p: p.program_type == "loyalty"):
            status = result.get(program, {})
            if "points" in status:
                status["points"] = [
                    program._crm_round_points(points) for points in status["points"]
                ]
        return result

    def _update_programs_and_rewards(self):
        """Offer the company's cards to a contact's order, as Odoo offers the
        cards of the order's customer.

        A confirmed order whose points went to the company's card is left as
        it is: Odoo drops the pending points of a card of another customer
        than the order's and would give them to a new card.
        """
        if self.partner_id == self._crm_loyalty_partner():
            return super(SaleOrder, points_flow(self))._update_programs_and_rewards()
        if self.state == "sale" and self._crm_company_point_entries():
            return None
        if self._allow_nominative_programs():
            self.applied_coupon_ids += self.env["loyalty.card"].search(
                Domain("id", "not in", self.applied_coupon_ids.ids)
                & Domain("partner_id", "=", self._crm_loyalty_partner().id)
                & Domain("points", ">", 0)
                & (
                    Domain("program_id.program_type", "=", "ewallet")
                    | (
                        Domain("program_id.program_type", "=", "loyalty")
                        & Domain("program_id.applies_on", "!=", "current")
                    )
                )
            )
        return super(SaleOrder, points_flow(self))._update_programs_and_rewards()

    def _add_loyalty_history_lines(self):
        # Odoo books the order's points right after these lines, on the cards
        # of the point entries: put them on the company's card first.
        self._crm_move_points_to_company_card()
        return super()._add_loyalty_history_lines()

    def _crm_move_points_to_company_card(self):
        """Book the points of a contact's order on the company's card.

        The point entries (and the rewards) of the contact's nominative cards
        move to the company's card of the program; a card Odoo created for
        the contact while the order was quoted is deleted, or, when the
        company has no card of the program yet, becomes the company's card.
        """
        self.ensure_one()
        company = self._crm_loyalty_partner()
        if company == self.partner_id:
            return
        # sudo: the salesperson confirming the order moves its own point
        # entries; Odoo reads and creates them as superuser too.
        entries_sudo = self.coupon_point_ids.sudo().filtered(
            lambda entry: (
                entry.coupon_id.program_id.is_nominative
                and entry.coupon_id.partner_id == self.partner_id
            )
        )
        if not entries_sudo:
            return
        company_cards_sudo = (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", company.id),
                    ("program_id", "in", entries_sudo.coupon_id.program_id.ids),
                ],
                order="id",
            )
        )
        contact_cards_sudo = entries_sudo.coupon_id
        for card_sudo in contact_cards_sudo:
            company_card_sudo = company_cards_sudo.filtered(
                lambda card, card_sudo=card_sudo: (
                    card.program_id == card_sudo.program_id
                )
            )[:1]
            if not company_card_sudo:
                card_sudo.partner_id = company
                continue
            entries_sudo.filtered(
                lambda entry, card_sudo=card_sudo: entry.coupon_id == card_sudo
            ).coupon_id = company_card_sudo
            self.order_line.sudo().filtered(
                lambda line, card_sudo=card_sudo: line.coupon_id == card_sudo
            ).coupon_id = company_card_sudo
        contact_cards_sudo.filtered(
            lambda card: (
                card.partner_id == self.partner_id
                and card.order_id == self
                and not card.points
                and not card.history_ids
            )
        ).unlink()

    def action_confirm(self):
        res = super(SaleOrder, points_flow(self)).action_confirm()
        self.env["loyalty.card"]._crm_evaluate_buyer_tiers(self.partner_id)
        return res

    def _action_cancel(self):
        return super(SaleOrder, points_flow(self))._action_cancel()

    def _apply_program_reward(self, reward, coupon, **kwargs):
        return super(SaleOrder, points_flow(self))._apply_program_reward(
            reward, coupon, **kwargs
        )

    def _update_loyalty_history(self, coupon_id, points):
        """A reward added to a confirmed order: a redeemed line of its own
        (Odoo adds the points to the order's line, the ledger never changes
        a line)."""
        if not coupon_id._crm_ledger_cards():
            return super()._update_loyalty_history(coupon_id, points)
        self.ensure_one()
        return (
            points_flow(self.env["loyalty.history"])
            .sudo()
            .create(
                {
                    "card_id": coupon_id.id,
                    "order_model": self._name,
                    "order_id": self.id,
                    "crm_move_type": "redeemed",
                    "description": self.env._(
                        "Order %(order)s", order=self.display_name
                    ),
                    "used": points,
                }
            )
        )
