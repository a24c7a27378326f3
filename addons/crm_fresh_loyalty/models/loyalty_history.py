# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column

from ..tools import in_points_flow, points_flow

MOVE_TYPES = [
    ("earned", "Earned"),
    ("redeemed", "Redeemed"),
    ("expired", "Expired"),
    ("adjusted", "Adjusted"),
    ("transferred", "Transferred"),
    ("reversed", "Reversed"),
]
# What a ledger line says: written once, by the flow that books it.
LEDGER_FIELDS = frozenset(
    {
        "card_id",
        "issued",
        "used",
        "order_model",
        "order_id",
        "crm_expiration_date",
        "crm_move_type",
        "crm_reversal_of_id",
        "crm_refund_of_id",
        "crm_reversed",
        "crm_tier_bonus",
        "description",
        "crm_customer_description",
        "crm_mall_reward_id",
        "crm_mall_coupon_id",
        "crm_request_key",
    }
)


class LoyaltyHistory(models.Model):
    """Odoo's loyalty history, made the points ledger (积分明细).

    Every movement of a card's points is a line: ``issued`` adds, ``used``
    takes away, and the sum of all lines is the card's balance (checked by
    :meth:`loyalty.card._crm_reconcile_ledger`). Earned points carry an
    expiration date; spending and expiring consume them oldest expiry first.
    Which earned points are still there is derived (:meth:`_crm_remaining_sql`)
    rather than stored.

    On loyalty cards the ledger is append-only: lines are written by the
    sanctioned flows (:func:`~odoo.addons.crm_fresh_loyalty.tools.points_flow`)
    and never changed or deleted. Where Odoo's order flows delete an order's
    line (sale order cancellation), a reversal line is booked instead. Each
    line's author and time (``create_uid``, ``create_date``) are the audit
    trail of the points.
    """

    _inherit = "loyalty.history"

    crm_move_type = fields.Selection(
        MOVE_TYPES,
        string="Movement",
        compute="_compute_crm_move_type",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
    )
    crm_expiration_date = fields.Date(
        string="Expires On",
        readonly=True,
        index=True,
        help="Earned points of this line that are not spent by then expire.",
    )
    crm_points_remaining = fields.Float(
        string="Remaining Points",
        compute="_compute_crm_points_remaining",
        help="Earned points of this line neither spent nor expired yet.",
    )
    partner_id = fields.Many2one(
        related="card_id.partner_id",
        string="Customer",
        store=True,
        index=True,
        precompute=True,  # in the INSERT of a line, not an UPDATE after it
    )
    program_id = fields.Many2one(related="card_id.program_id", string="Program")
    crm_reversal_of_id = fields.Many2one(
        "loyalty.history",
        string="Reverses",
        readonly=True,
        index="btree_not_null",
        help="The line this line cancels (an order cancelled).",
    )
    crm_refund_of_id = fields.Many2one(
        "loyalty.history",
        string="Takes Back From",
        readonly=True,
        index="btree_not_null",
        help="The earned line of the refunded order whose points this line "
        "takes back first.",
    )
    crm_customer_description = fields.Char(
        string="Description for the Customer",
        readonly=True,
        help="What the customer reads for this line on the portal, when the "
        "description is an internal reason (a manager's adjustment).",
    )
    crm_tier_bonus = fields.Float(
        string="Tier Bonus",
        readonly=True,
        help="Points of this line added by the member's tier multiplier. "
        "Unless the program says otherwise, they do not count towards a tier.",
    )
    crm_reversed = fields.Boolean(
        string="Reversed",
        readonly=True,
        help="A reversal line cancels this line.",
    )
    crm_mall_reward_id = fields.Many2one(
        "loyalty.reward",
        string="Mall Reward",
        readonly=True,
        index="btree_not_null",
        ondelete="restrict",
        help="The reward of the points mall these points were exchanged for.",
    )
    crm_mall_coupon_id = fields.Many2one(
        "loyalty.card",
        string="Coupon Issued",
        readonly=True,
        ondelete="set null",
        help="The coupon the member got for the points in the points mall.",
    )
    crm_request_key = fields.Char(
        string="Request Key",
        readonly=True,
        copy=False,
        help="Key of the redemption request that booked this line: a request "
        "sent again (a double click, a retried connection) finds it instead "
        "of redeeming twice.",
    )

    # An order earns on a card once: a retried request, an order synced
    # twice by an offline POS or a double confirmation cannot add a second
    # line, whatever the code path. A cancelled order's line is reversed, and
    # the order earns again when it is confirmed again.
    _crm_order_card_unique = models.UniqueIndex(
        "(card_id, order_model, order_id) WHERE order_id IS NOT NULL"
        " AND order_model IS NOT NULL AND crm_move_type = 'earned'"
        " AND crm_reversed IS NOT TRUE",
        "An order can earn points only once per card.",
    )
    _crm_request_key_unique = models.UniqueIndex(
        "(card_id, crm_request_key) WHERE crm_request_key IS NOT NULL",
        "A redemption request is booked only once per card.",
    )
    _crm_reversed_once = models.UniqueIndex(
        "(crm_reversal_of_id) WHERE crm_reversal_of_id IS NOT NULL",
        "A points line can be reversed only once.",
    )
    _crm_points_finite = models.Constraint(
        "CHECK(abs(COALESCE(issued, 0)) < 1e12 AND abs(COALESCE(used, 0)) < 1e12)",
        "The points of a ledger line must be finite numbers below a trillion.",
    )
    # The ledger makes this table the largest of loyalty (ten lines a card and
    # more); Odoo finds an order's lines by order (the POS checks it on every
    # sync, sale orders on confirmation and cancellation), without an index.
    _crm_order_index = models.Index("(order_id, order_model)")

    def _auto_init(self):
        # The lines that exist when the module is installed get their
        # movement type in one UPDATE: the ORM would compute it line by line,
        # for the whole history of a shop at once (minutes and gigabytes for
        # a million lines).
        if not column_exists(self.env.cr, self._table, "crm_move_type"):
            create_column(self.env.cr, self._table, "crm_move_type", "varchar")
            self._crm_fill_move_type()
        return super()._auto_init()

    def _crm_fill_move_type(self):
        """Set the movement type of the lines without one, set-wise: the rule
        of ``_compute_crm_move_type`` in SQL."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE %s
                   SET crm_move_type = CASE
                       WHEN COALESCE(order_model, '') = '' THEN 'adjusted'
                       WHEN COALESCE(used, 0) != 0 AND COALESCE(issued, 0) = 0
                           THEN 'redeemed'
                       ELSE 'earned'
                   END
                 WHERE crm_move_type IS NULL
                """,
                SQL.identifier(self._table),
            )
        )

    @api.depends("issued", "used", "order_model", "crm_mall_reward_id")
    def _compute_crm_move_type(self):
        for line in self:
            if line.crm_move_type in ("expired", "transferred", "reversed"):
                line.crm_move_type = line.crm_move_type  # set by the ledger itself
            elif line.crm_mall_reward_id:
                line.crm_move_type = "redeemed"
            elif not line.order_model:
                line.crm_move_type = "adjusted"
            elif line.used and not line.issued:
                line.crm_move_type = "redeemed"
            else:
                line.crm_move_type = "earned"

    @api.model_create_multi
    def create(self, vals_list):
        cards = self.env["loyalty.card"].browse([vals["card_id"] for vals in vals_list])
        if not in_points_flow(self.env):
            cards._crm_check_points_door()
        vals_list = self._crm_split_movements(vals_list)
        cards = self.env["loyalty.card"].browse([vals["card_id"] for vals in vals_list])
        today = fields.Date.context_today(self)
        for vals, card in zip(vals_list, cards, strict=True):
            expiry_months = card.program_id.crm_points_expiry_months
            if (
                expiry_months
                and (vals.get("issued") or 0) > 0
                and not vals.get("crm_expiration_date")
                and not vals.get("crm_reversal_of_id")
            ):
                vals["crm_expiration_date"] = today + relativedelta(
                    months=expiry_months
                )
            multiplier = card.crm_tier_id.points_multiplier
            if (
                multiplier
                and multiplier != 1.0
                and vals.get("order_id")
                and vals.get("crm_move_type", "earned") == "earned"
                and (vals.get("issued") or 0) > 0
                and not vals.get("used")
            ):
                # the order's points were multiplied by the card's tier
                vals["crm_tier_bonus"] = vals["issued"] - vals["issued"] / multiplier
        lines = super().create(vals_list)
        # what is left of the earned lines is derived from every line
        self.invalidate_model(["crm_points_remaining"])
        lines.card_id._crm_register_ledger_check()
        return lines

    def _crm_split_movements(self, vals_list):
        """Earning and redeeming on one order are two movements.

        Odoo books an order's points on a card as one line with what it
        issued and what its rewards used; on a loyalty card it becomes an
        earned line and a redeemed line.
        """
        cards = self.env["loyalty.card"].browse(vals["card_id"] for vals in vals_list)
        ledger = cards._crm_ledger_cards()
        result = []
        for vals in vals_list:
            card = cards.browse(vals["card_id"])
            if (
                card in ledger
                and vals.get("order_id")
                and (vals.get("issued") or 0) > 0
                and (vals.get("used") or 0) > 0
                and not vals.get("crm_move_type")
            ):
                result += [
                    {**vals, "used": 0.0, "crm_move_type": "earned"},
                    {**vals, "issued": 0.0, "crm_move_type": "redeemed"},
                ]
            else:
                result.append(vals)
        return result

    def write(self, vals):
        ledger = self.filtered(lambda line: line.card_id._crm_ledger_cards())
        if ledger and LEDGER_FIELDS & vals.keys():
            ledger.card_id._crm_check_points_door()
            if vals.keys() - {"crm_reversed"}:
                # even a sanctioned flow books a new line instead
                raise UserError(
                    self.env._(
                        "Card %(card)s: a points ledger line is never changed; "
                        "the flow books a new line instead.",
                        card=ledger.card_id[:1]._crm_label(),
                    )
                )
        res = super().write(vals)
        if {"issued", "used", "card_id"} & vals.keys():
            self.card_id._crm_register_ledger_check()
        return res

    def unlink(self):
        ledger = self.filtered(lambda line: line.card_id._crm_ledger_cards())
        if ledger:
            ledger.card_id._crm_check_points_door()
            # Odoo's order flows delete the lines of a cancelled order: the
            # ledger reverses them instead.
            ledger._crm_reverse()
        others = self - ledger
        cards = others.card_id
        res = super(LoyaltyHistory, others).unlink()
        cards.exists()._crm_register_ledger_check()
        return res

    def _crm_take_back(self, points, order):
        """Take back ``points`` of this earned line for the refund ``order``.

        They come first from what is left of this line; what of them the
        customer has already spent follows the program's rule: written off,
        or taken from the balance (which may go negative). Returns the lines
        booked.
        """
        self.ensure_one()
        card = self.card_id
        card._crm_lock_points()
        program = card.program_id
        points = program._crm_round_points(points)
        self.invalidate_recordset(["crm_points_remaining"])
        from_line = min(points, max(self.crm_points_remaining, 0.0))
        spent = points - from_line
        base = {
            "card_id": card.id,
            "order_model": order._name,
            "order_id": order.id,
            "crm_move_type": "reversed",
        }
        vals_list = []
        if from_line > 0:
            vals_list.append(
                {
                    **base,
                    "crm_refund_of_id": self.id,
                    "description": self.env._(
                        "Refund %(order)s", order=order.display_name
                    ),
                    "used": from_line,
                }
            )
        if spent > 0 and program.crm_refund_spent_rule == "negative":
            vals_list.append(
                {
                    **base,
                    "description": self.env._(
                        "Refund %(order)s: points already spent",
                        order=order.display_name,
                    ),
                    "used": spent,
                }
            )
        lines = points_flow(self.env["loyalty.history"]).sudo().create(vals_list)
        quiet = {"loyalty_no_mail": True, "mail_notrack": True}
        points_flow(card).with_context(**quiet).points -= sum(lines.mapped("used"))
        return lines

    def _crm_customer_text(self):
        """What the customer reads for this line (the portal's points
        history): a manager's adjustment keeps its reason internal."""
        self.ensure_one()
        if self.crm_customer_description:
            return self.crm_customer_description
        if self.crm_move_type == "adjusted":
            return self.env._("Points adjusted by customer care")
        return self.description

    def _crm_reverse(self, description=None):
        """Book a line cancelling each line of ``self`` (not yet reversed)."""
        lines = points_flow(self.filtered(lambda line: not line.crm_reversed))
        if not lines:
            return self.browse()
        reversals = lines.sudo().create(
            [
                {
                    "card_id": line.card_id.id,
                    "order_model": line.order_model,
                    "order_id": line.order_id,
                    "crm_move_type": "reversed",
                    "crm_reversal_of_id": line.id,
                    "description": description
                    or self.env._("Reversal: %(line)s", line=line.description),
                    "issued": line.used,
                    "used": line.issued,
                }
                for line in lines
            ]
        )
        lines.sudo().write({"crm_reversed": True})
        return reversals

    @api.model
    def _crm_live_lines_sql(self, card_ids=None):
        """Condition on ``h`` keeping the lines that count for first-in
        first-out: a reversed line and its reversal cancel out, and what a
        refund takes back from an earned line makes that line smaller (see
        :meth:`_crm_taken_back_sql`) rather than consuming the stack."""
        live = SQL(
            "h.crm_reversed IS NOT TRUE AND h.crm_reversal_of_id IS NULL"
            " AND h.crm_refund_of_id IS NULL"
        )
        if card_ids is None:
            return live
        return SQL("%s AND h.card_id = ANY(%s)", live, list(card_ids))

    @api.model
    def _crm_taken_back_sql(self):
        """Points taken back by refunds, per earned line: rows (id, taken).
        A take-back reversed (its credit note reset to draft) takes nothing."""
        return SQL(
            """
            SELECT crm_refund_of_id AS id, SUM(COALESCE(used, 0)) AS taken
              FROM loyalty_history
             WHERE crm_refund_of_id IS NOT NULL AND crm_reversed IS NOT TRUE
          GROUP BY crm_refund_of_id
            """
        )

    @api.model
    def _crm_qualifying_points_sql(self, program, date_from, cards):
        """Points per card that count towards a tier of ``program``: earned
        since ``date_from`` and not reversed, without the tier bonus unless
        the program counts it. ``cards`` is a condition on ``h.card_id``.
        Returns rows (card_id, points)."""
        points = SQL("h.issued")
        if program.crm_qualifying_points == "base":
            points = SQL("h.issued - COALESCE(h.crm_tier_bonus, 0)")
        self.flush_model(
            [
                "card_id",
                "crm_move_type",
                "crm_reversed",
                "crm_tier_bonus",
                "issued",
                "create_date",
            ]
        )
        return SQL(
            """
            SELECT h.card_id, SUM(%(points)s) AS points
              FROM loyalty_history h
             WHERE %(cards)s AND h.crm_move_type = 'earned'
               AND h.crm_reversed IS NOT TRUE AND h.create_date >= %(date_from)s
          GROUP BY h.card_id
            """,
            points=points,
            cards=cards,
            date_from=date_from,
        )

    @api.model
    def _crm_remaining_sql(self, card_ids=None):
        """Remaining points per earned line, consumed first-in first-out.

        Earned points stack up by expiration date (no date last); everything
        spent, expired or taken away consumes that stack from the bottom. A
        line's remaining points are what of it lies above the consumed total.
        Returns rows (line_id, card_id, expiration_date, remaining).
        """
        restrict = self._crm_live_lines_sql(card_ids)
        return SQL(
            """
            WITH lines AS (
                SELECT h.id, h.card_id, h.crm_expiration_date,
                       GREATEST(
                           GREATEST(COALESCE(h.issued, 0), 0)
                           - COALESCE(t.taken, 0), 0
                       ) AS earned,
                       COALESCE(h.used, 0) + GREATEST(-COALESCE(h.issued, 0), 0)
                           AS consumed
                  FROM loyalty_history h
             LEFT JOIN (%(taken_back)s) t ON t.id = h.id
                 WHERE %(restrict)s
            ), stack AS (
                SELECT id, card_id, crm_expiration_date, earned,
                       SUM(earned) OVER (
                           PARTITION BY card_id
                           ORDER BY crm_expiration_date NULLS LAST, id
                       ) AS stacked
                  FROM lines
                 WHERE earned > 0
            ), consumption AS (
                SELECT card_id, SUM(consumed) AS consumed
                  FROM lines
              GROUP BY card_id
            )
            SELECT s.id, s.card_id, s.crm_expiration_date,
                   LEAST(s.earned, GREATEST(s.stacked - COALESCE(c.consumed, 0), 0))
                       AS remaining
              FROM stack s
         LEFT JOIN consumption c ON c.card_id = s.card_id
            """,
            restrict=restrict,
            taken_back=self._crm_taken_back_sql(),
        )

    @api.model
    def _crm_due_points_sql(self, today, card_ids=None):
        """Points of each card that have expired by ``today`` and are left.

        First-in first-out consumes the lines by expiration date, so the due
        lines of a card are the bottom of its stack, and what is left of them
        is what they earned minus everything the card consumed: a plain
        aggregate over the ledger, without the window of
        :meth:`_crm_remaining_sql`. Returns rows (card_id, due points), only
        for cards with some left.
        """
        restrict = self._crm_live_lines_sql(card_ids)
        return SQL(
            """
            SELECT card_id, due - consumed
              FROM (
                    SELECT h.card_id,
                           SUM(
                               GREATEST(
                                   GREATEST(COALESCE(h.issued, 0), 0)
                                   - COALESCE(t.taken, 0), 0
                               )
                           ) FILTER (
                               WHERE h.crm_expiration_date <= %(today)s
                           ) AS due,
                           SUM(COALESCE(h.used, 0)
                               + GREATEST(-COALESCE(h.issued, 0), 0)) AS consumed
                      FROM loyalty_history h
                 LEFT JOIN (%(taken_back)s) t ON t.id = h.id
                     WHERE %(restrict)s
                  GROUP BY h.card_id
                   ) ledger
             WHERE due > consumed
            """,
            today=today,
            restrict=restrict,
            taken_back=self._crm_taken_back_sql(),
        )

    @api.model
    def _crm_flush_ledger(self):
        """Flush what the ledger queries (:meth:`_crm_remaining_sql`,
        :meth:`_crm_due_points_sql`) read, and nothing else."""
        self.flush_model(
            [
                "card_id",
                "crm_expiration_date",
                "crm_move_type",
                "crm_reversal_of_id",
                "crm_refund_of_id",
                "crm_reversed",
                "issued",
                "used",
                "create_date",
            ]
        )

    def _compute_crm_points_remaining(self):
        remaining = {}
        if self.card_id:
            self._crm_flush_ledger()
            rows = self.env.execute_query(self._crm_remaining_sql(self.card_id.ids))
            remaining = {line_id: points for line_id, _card, _date, points in rows}
        for line in self:
            line.crm_points_remaining = remaining.get(line.id, 0.0)
