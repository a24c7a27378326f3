# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL, float_repr, float_round, split_every

from ..tools import BATCH_SIZE


class LoyaltyProgram(models.Model):
    """Membership tiers: the program decides which tier its members reach.

    The tier engine runs on the program: :meth:`_crm_evaluate_tiers` (after a
    purchase for the buyers' cards, every day for every card with
    downgrades) reads :meth:`_crm_tier_candidates`, one set-wise statement
    over the purchase facts and the points ledger.
    """

    _inherit = "loyalty.program"

    crm_tier_ids = fields.One2many(
        "crm.membership.tier", "program_id", string="Membership Tiers"
    )
    crm_tier_window_months = fields.Integer(
        string="Tier Window (months)",
        default=12,
        help="Spend and points earned over this many months, up to today, "
        "qualify for a tier.",
    )
    crm_points_expiry_months = fields.Integer(
        string="Points Expire After (months)",
        help="Points expire this many months after they were earned, the "
        "oldest first. 0 means points never expire.",
    )
    crm_expiry_warning_days = fields.Integer(
        string="Expiry Warning (days)",
        default=30,
        help="Members are told this many days before their points expire.",
    )
    crm_qualifying_points = fields.Selection(
        [
            ("base", "Earned before tier bonus"),
            ("all", "Earned, tier bonus included"),
        ],
        string="Points Qualifying for Tiers",
        default="base",
        required=True,
        help="Which earned points count towards a tier. Before tier bonus, a "
        "tier is as hard to keep for a member whose points it multiplies as "
        "for anyone else.",
    )
    crm_points_rounding = fields.Float(
        string="Point Rounding",
        default=1.0,
        digits=(12, 4),
        help="Points are counted in multiples of this: 1 for whole points. "
        "Points earned are rounded down to it, tier bonus included.",
    )
    crm_refund_spent_rule = fields.Selection(
        [
            ("write_off", "Write off"),
            ("negative", "Negative balance"),
        ],
        string="Refunded Points Already Spent",
        default="write_off",
        required=True,
        help="A refund takes back the points its goods earned, first from what "
        "is left of them. Points of them the customer has already spent are "
        "written off, or taken from the balance, which may go negative until "
        "the next orders make up for it.",
    )
    crm_adjust_max_points = fields.Integer(
        string="Largest Adjustment (points)",
        default=10000,
        help="A manager's adjustment of a card adds or takes away at most this "
        "many points at once.",
    )

    _crm_points_rounding_positive = models.Constraint(
        "CHECK(crm_points_rounding > 0)",
        "The point rounding of a loyalty program must be positive.",
    )
    _crm_adjust_max_points_positive = models.Constraint(
        "CHECK(crm_adjust_max_points > 0)",
        "The largest points adjustment of a loyalty program must be positive.",
    )
    _crm_tier_window_positive = models.Constraint(
        "CHECK(crm_tier_window_months > 0)",
        "The tier window of a loyalty program must be at least one month.",
    )
    _crm_points_expiry_positive = models.Constraint(
        "CHECK(crm_points_expiry_months >= 0 AND crm_expiry_warning_days >= 0)",
        "Points expiry months and warning days cannot be negative.",
    )

    def _crm_round_points(self, points, rounding_method="DOWN"):
        """``points`` in multiples of the program's point rounding."""
        self.ensure_one()
        return float_round(
            points,
            precision_rounding=self.crm_points_rounding or 1.0,
            rounding_method=rounding_method,
        )

    def _crm_points_text(self, points):
        """``points`` as a member reads them: in multiples of the program's
        point rounding, with no more decimals than it has (200, not 200.0)."""
        self.ensure_one()
        rounding = self.crm_points_rounding or 1.0
        digits = max(0, -math.floor(math.log10(rounding) + 1e-9))
        return float_repr(self._crm_round_points(points, "HALF-UP"), digits)

    # ------------------------------------------------------------------
    # Membership tiers
    # ------------------------------------------------------------------

    def _crm_spend_rates(self, today):
        """The companies whose purchases count for this program's tiers,
        with the rate converting their currency into the program's, as
        ``{company_id: rate}``.

        A program of one company counts that company's purchases only; a
        program shared by every company (no company) counts the purchases
        of all of them, each converted into the program's currency at
        today's rate: amounts of different currencies are never summed raw.
        """
        self.ensure_one()
        companies = self.company_id or self.env["res.company"].sudo().with_context(
            active_test=False
        ).search([])
        currency = self.currency_id or self.env.company.currency_id
        return {
            company.id: company.currency_id._get_conversion_rate(
                company.currency_id, currency, company, today
            )
            for company in companies
        }

    def _crm_spend_sql(self, date_from, today, partners):
        """Spend per customer since ``date_from`` in the program's currency,
        over the purchases that count for it (see :meth:`_crm_spend_rates`).
        """
        return self.env["crm.purchase.fact"].spend_by_partner_sql(
            date_from, self._crm_spend_rates(today), partners
        )

    def _crm_tier_candidates(self, cards=None, today=None):
        """Cards of this program whose tier may change, with what they
        qualify for.

        One set-wise statement: spend per customer from the purchase facts,
        points earned per card from the ledger, both over the program's
        window, matched against the program's tiers. Returns rows
        (card_id, current tier, under-threshold date, qualified tier, kept tier)
        for the cards where the qualified or kept tier differs from the current
        one, or whose under-threshold date is set.
        """
        self.ensure_one()
        today = today or fields.Date.context_today(self)
        date_from = today - relativedelta(months=self.crm_tier_window_months)
        facts = self.env["crm.purchase.fact"]
        if cards is None:
            restrict = SQL()
            buyers = SQL("f.partner_id IN (SELECT partner_id FROM cards)")
        else:
            restrict = SQL("AND c.id = ANY(%s)", cards.ids)
            # The customers as values, not as a subquery of the cards:
            # PostgreSQL then filters each source of the purchase facts by
            # index before joining, instead of reading every order line (the
            # upgrade after each sale or POS order goes through here).
            buyers = SQL(
                "f.partner_id = ANY(%s)",
                cards.sudo().partner_id.commercial_partner_id.ids,
            )
        # Flush what the query reads, not everything: on a sale or POS order
        # the pending writes of other models stay pending (flushing them now
        # would cost a second UPDATE when the order's flow writes them again).
        self.env["loyalty.card"].flush_model(
            [
                "program_id",
                "active",
                "partner_id",
                "crm_tier_id",
                "crm_tier_at_risk_since",
            ]
        )
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.env["crm.membership.tier"].flush_model()
        facts.flush_sources()
        return self.env.execute_query(
            SQL(
                """
                WITH cards AS (
                    SELECT c.id, c.crm_tier_id, c.crm_tier_at_risk_since,
                           p.commercial_partner_id AS partner_id
                      FROM loyalty_card c
                      JOIN res_partner p ON p.id = c.partner_id
                     WHERE c.program_id = %(program)s AND c.active %(restrict)s
                ), spend AS (
                    SELECT s.partner_id, s.spend FROM (%(spend)s) s
                ), points AS (
                    %(points)s
                ), tiers AS (
                    SELECT id, sequence, qualify_operator,
                           qualify_spend, qualify_points,
                           COALESCE(NULLIF(keep_spend, 0), qualify_spend)
                               AS keep_spend,
                           COALESCE(NULLIF(keep_points, 0), qualify_points)
                               AS keep_points
                      FROM crm_membership_tier
                     WHERE program_id = %(program)s AND active
                ), stats AS (
                    SELECT cards.*, COALESCE(spend.spend, 0) AS spend,
                           COALESCE(points.points, 0) AS points
                      FROM cards
                 LEFT JOIN spend ON spend.partner_id = cards.partner_id
                 LEFT JOIN points ON points.card_id = cards.id
                ), evaluated AS (
                    SELECT s.id, s.crm_tier_id, s.crm_tier_at_risk_since,
                           (SELECT t.id FROM tiers t
                             WHERE %(qualified)s
                          ORDER BY t.sequence DESC, t.id DESC LIMIT 1) AS qualified,
                           (SELECT t.id FROM tiers t
                             WHERE %(kept)s
                          ORDER BY t.sequence DESC, t.id DESC LIMIT 1) AS kept
                      FROM stats s
                )
                SELECT id, crm_tier_id, crm_tier_at_risk_since, qualified, kept
                  FROM evaluated
                 WHERE qualified IS DISTINCT FROM crm_tier_id
                    OR kept IS DISTINCT FROM crm_tier_id
                    OR crm_tier_at_risk_since IS NOT NULL
              ORDER BY id
                """,
                program=self.id,
                restrict=restrict,
                buyers=buyers,
                spend=self._crm_spend_sql(date_from, today, buyers),
                points=self.env["loyalty.history"]._crm_qualifying_points_sql(
                    self, date_from, SQL("h.card_id IN (SELECT id FROM cards)")
                ),
                qualified=self._crm_threshold_sql("qualify_spend", "qualify_points"),
                kept=self._crm_threshold_sql("keep_spend", "keep_points"),
            )
        )

    @api.model
    def _crm_threshold_sql(self, spend_column, points_column):
        spend = SQL.identifier("t", spend_column)
        points = SQL.identifier("t", points_column)
        return SQL(
            """CASE WHEN t.qualify_operator = 'and'
                    THEN (%(spend)s = 0 OR s.spend >= %(spend)s)
                     AND (%(points)s = 0 OR s.points >= %(points)s)
                    ELSE (%(spend)s > 0 AND s.spend >= %(spend)s)
                      OR (%(points)s > 0 AND s.points >= %(points)s)
               END""",
            spend=spend,
            points=points,
        )

    def _crm_evaluate_tiers(
        self, cards=None, allow_downgrade=False, today=None, progress=None
    ):
        """Move the cards of this program to the tier they have reached,
        set-wise.

        Upgrades are immediate. With ``allow_downgrade`` (the daily evaluation)
        a member under the keep thresholds of their tier gets the grace period
        of the tier, then moves down to the highest tier they still keep.
        ``progress`` is called with the size of each batch applied (the cron
        commits there). Returns the tier history lines created.
        """
        self.ensure_one()
        today = today or fields.Date.context_today(self)
        Card = self.env["loyalty.card"]
        candidates = self._crm_tier_candidates(cards=cards, today=today)
        if not candidates:  # the usual case after a purchase: nothing to read
            return self.env["crm.membership.tier.history"]
        tiers = self.crm_tier_ids
        rank = {tier.id: index for index, tier in enumerate(tiers)}
        grace = {tier.id: tier.grace_days for tier in tiers}
        moves = defaultdict(list)  # (from, to, reason) -> card ids
        risk_start, risk_clear = [], []
        for card_id, current, since, qualified, kept in candidates:
            current_rank = rank.get(current, -1)
            if rank.get(qualified, -1) > current_rank:
                moves[
                    (current, qualified, "purchase" if cards else "evaluation")
                ].append(card_id)
            elif current and rank.get(kept, -1) < current_rank:
                if not allow_downgrade:
                    continue
                if not since:
                    risk_start.append(card_id)
                elif since + timedelta(days=grace[current]) <= today:
                    moves[(current, kept, "downgrade")].append(card_id)
            elif since:
                risk_clear.append(card_id)
        Card.browse(risk_start).write({"crm_tier_at_risk_since": today})
        Card.browse(risk_clear).write({"crm_tier_at_risk_since": False})
        history = self.env["crm.membership.tier.history"]
        for (_from_tier, to_tier, reason), card_ids in moves.items():
            for batch in split_every(BATCH_SIZE, card_ids):
                history |= Card.browse(batch)._crm_set_tier(
                    self.env["crm.membership.tier"].browse(to_tier), reason
                )
                if progress:
                    progress(len(batch))
        return history

    @api.model
    def _cron_evaluate_tiers(self):
        programs = self.search([("crm_tier_ids", "!=", False)])
        for program in programs:
            program._crm_evaluate_tiers(
                allow_downgrade=True,
                progress=lambda done: self.env["ir.cron"]._commit_progress(done),
            )
