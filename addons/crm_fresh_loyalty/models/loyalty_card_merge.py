# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import date

from odoo import models
from odoo.tools import float_is_zero


class LoyaltyCard(models.Model):
    """Points transfer between cards of one program, for customer merges."""

    _inherit = "loyalty.card"  # pylint: disable=consider-merging-classes-inherited

    def _crm_transfer_points(self, target):
        """Move the whole balance of these cards into ``target``.

        Each source card gets one ``transferred`` line taking its balance
        away; the target gets one ``transferred`` line per expiration date of
        the points moved, so the points keep the dates they would have
        expired on (first-in first-out survives the move). Both balances stay
        equal to their ledgers. Returns the ledger lines created.
        """
        target.ensure_one()
        cards = (self | target).sorted("id")
        cards.lock_for_update()
        cards.invalidate_recordset(["points"])
        cards._crm_reconcile_ledger()
        sources = (self - target).filtered(
            lambda card: not float_is_zero(card.points, precision_digits=4)
        )
        if not sources:
            return self.env["loyalty.history"]
        self.env["loyalty.history"]._crm_flush_ledger()
        by_date = defaultdict(lambda: defaultdict(float))
        for _line, card_id, expiration_date, remaining in self.env.execute_query(
            self.env["loyalty.history"]._crm_remaining_sql(sources.ids)
        ):
            if remaining > 0:
                by_date[card_id][expiration_date] += remaining
        vals_list = []
        for card in sources:
            description = self.env._(
                "Transferred to %(card)s (customer merge)", card=target.code
            )
            vals_list.append(
                {
                    "card_id": card.id,
                    "crm_move_type": "transferred",
                    "description": description,
                    "issued": max(-card.points, 0.0),
                    "used": max(card.points, 0.0),
                }
            )
            vals_list += [
                {
                    "card_id": target.id,
                    "crm_move_type": "transferred",
                    "description": self.env._(
                        "Transferred from %(card)s (customer merge)", card=card.code
                    ),
                    "issued": points,
                    "crm_expiration_date": expiration_date,
                }
                for expiration_date, points in sorted(
                    by_date[card.id].items(), key=lambda item: item[0] or date.max
                )
            ]
            if card.points < 0:
                # An overdrawn card passes its debt on, as consumption.
                vals_list.append(
                    {
                        "card_id": target.id,
                        "crm_move_type": "transferred",
                        "description": self.env._(
                            "Transferred from %(card)s (customer merge)",
                            card=card.code,
                        ),
                        "used": -card.points,
                    }
                )
        lines = self.env["loyalty.history"].sudo().create(vals_list)
        moved = sum(sources.mapped("points"))
        quiet = {"loyalty_no_mail": True, "mail_notrack": True}
        target.with_context(**quiet).points += moved
        sources.with_context(**quiet).write({"points": 0.0})
        return lines
