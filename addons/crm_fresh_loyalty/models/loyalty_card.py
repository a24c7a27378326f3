# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import math
from collections import defaultdict
from datetime import date, timedelta

import psycopg2.errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, LockError, UserError, ValidationError
from odoo.tools import SQL, float_compare, float_is_zero, split_every

from ..tools import BATCH_SIZE, in_points_flow, points_flow

_logger = logging.getLogger(__name__)

LEDGER_CHECK_KEY = "crm_fresh_loyalty.ledger_card_ids"
MANAGER_GROUP = "crm_fresh_loyalty.group_customer_care_manager"
# Seconds a points movement waits for another one on the same card (a
# redemption at the till, an adjustment) before telling the user to retry.
LOCK_WAIT_SECONDS = 3
# Fields of a card that hold or move its points.
GUARDED_CARD_FIELDS = frozenset({"points", "program_id"})


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    crm_tier_id = fields.Many2one(
        "crm.membership.tier",
        string="Tier",
        readonly=True,
        index=True,
        copy=False,
        help="Membership tier of the card holder. Changed by purchases, by the "
        "daily evaluation, or by a manager with a reason.",
    )
    crm_tier_at_risk_since = fields.Date(
        string="Under Keep Threshold Since",
        readonly=True,
        copy=False,
        help="The day the member fell under the keep thresholds of their tier; "
        "the tier is lost when the grace period has passed since.",
    )
    crm_tier_history_ids = fields.One2many(
        "crm.membership.tier.history", "card_id", string="Tier History"
    )
    crm_points_expiring = fields.Float(
        string="Points Expiring Soon",
        compute="_compute_crm_points_expiring",
        help="Points that expire within the warning period of the program.",
    )
    crm_next_expiry_date = fields.Date(
        string="Next Expiry", compute="_compute_crm_points_expiring"
    )
    crm_can_update_balance = fields.Boolean(
        string="Can Update Balance",
        compute="_compute_crm_can_update_balance",
        help="Whether the current user sees Odoo's Balance button: on a card "
        "of a loyalty program, only Customer Care managers adjust points.",
    )
    crm_expiry_notified_on = fields.Date(
        string="Expiry Warned For",
        readonly=True,
        copy=False,
        help="Expiry date the member was last warned about.",
    )

    crm_birthday_year = fields.Integer(
        string="Birthday Coupon For",
        readonly=True,
        copy=False,
        help="Year of the birthday this coupon was issued for (see the tier's "
        "Birthday Coupon).",
    )

    # One birthday coupon per customer and year, even when two runs meet.
    _crm_birthday_coupon_unique = models.UniqueIndex(
        "(partner_id, crm_birthday_year) WHERE crm_birthday_year IS NOT NULL",
        "A customer gets one birthday coupon per year.",
    )
    # The balance is a figure of the database too: NaN and infinity are not
    # points, and no shop holds a trillion of them.
    _crm_points_finite = models.Constraint(
        "CHECK(abs(COALESCE(points, 0)) < 1e12)",
        "The points of a card must be a finite number below a trillion.",
    )

    # ------------------------------------------------------------------
    # Points ledger
    # ------------------------------------------------------------------

    def _crm_ledger_cards(self):
        """The cards of ``self`` whose points are a ledger: loyalty programs.

        Coupons, gift cards and eWallets keep Odoo's own rules (their value
        is set when Odoo issues them).
        """
        return self.filtered(lambda card: card.program_id.program_type == "loyalty")

    def _crm_check_points_door(self):
        """Refuse a change of points made outside the sanctioned flows."""
        if in_points_flow(self.env):
            return
        cards = self._crm_ledger_cards()
        if not cards:
            return
        raise UserError(
            self.env._(
                "Card %(card)s: points and their ledger change only through "
                "orders, the point of sale, refunds, the expiry run, customer "
                "merges and issued compensations. To correct them, a Customer "
                "Care manager uses Adjust Points on the card, with a reason.",
                card=", ".join(cards.mapped(lambda c: c._crm_label())),
            )
        )

    def _crm_label(self):
        self.ensure_one()
        if self.partner_id:
            return f"{self.code} ({self.partner_id.display_name})"
        return self.code

    @api.model_create_multi
    def create(self, vals_list):
        with_points = [
            vals
            for vals in vals_list
            if not float_is_zero(vals.get("points") or 0.0, precision_digits=4)
        ]
        if with_points and not in_points_flow(self.env):
            programs = self.env["loyalty.program"].browse(
                vals.get("program_id") or self.env.context.get("active_id")
                for vals in with_points
            )
            if "loyalty" in programs.mapped("program_type"):
                raise UserError(
                    self.env._(
                        "A loyalty card is created without points: its points "
                        "come from orders, the point of sale and, for a "
                        "correction, Adjust Points (Customer Care managers)."
                    )
                )
        cards = super().create(vals_list)
        cards.filtered("points")._crm_register_ledger_check()
        return cards

    def write(self, vals):
        if GUARDED_CARD_FIELDS & vals.keys() and not in_points_flow(self.env):
            self._crm_changed_by(vals)._crm_check_points_door()
        res = super().write(vals)
        if GUARDED_CARD_FIELDS & vals.keys():
            self._crm_register_ledger_check()
        if "crm_tier_id" in vals:
            # The members' tier and pricelist are computed from their card.
            self.env["res.partner"].invalidate_model(
                ["crm_membership_card_id", "crm_tier_id", "property_product_pricelist"]
            )
        return res

    def _crm_changed_by(self, vals):
        """The cards of ``self`` whose points or program ``vals`` changes:
        Odoo's flows rewrite a balance with the value it already has."""
        changed = self.browse()
        for card in self:
            moves = "program_id" in vals and card.program_id.id != vals["program_id"]
            counts = "points" in vals and (
                not isinstance(vals["points"], int | float)
                or float_compare(card.points, vals["points"], precision_digits=4)
            )
            if moves or counts:
                changed |= card
        return changed

    @api.ondelete(at_uninstall=False)
    def _unlink_except_ledger(self):
        self.filtered("history_ids")._crm_check_points_door()

    @api.depends("program_id.program_type")
    @api.depends_context("uid")
    def _compute_crm_can_update_balance(self):
        manager = self.env.user.has_group(MANAGER_GROUP)
        ledger = self._crm_ledger_cards()
        for card in self:
            card.crm_can_update_balance = manager or card not in ledger

    def action_loyalty_update_balance(self):
        """Odoo's Balance button: on a loyalty card, the manager's Adjust
        Points (a difference with a reason) instead of a new balance."""
        if not self._crm_ledger_cards():
            return super().action_loyalty_update_balance()
        self.ensure_one()
        self._crm_check_adjust_access()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_fresh_loyalty.crm_points_adjust_wizard_action"
        )
        action["context"] = {"default_card_id": self.id}
        return action

    def _crm_check_adjust_access(self):
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        raise AccessError(
            self.env._(
                "Card %(card)s: only a Customer Care manager adjusts points, "
                "with a reason. Ask a manager to use Adjust Points on the card.",
                card=self._crm_label(),
            )
        )

    def _crm_lock_points(self):
        """Lock these cards for a points movement.

        Waits up to :data:`LOCK_WAIT_SECONDS` for a movement in progress on
        the same card; when that one commits, PostgreSQL's repeatable read
        raises a serialization failure, which Odoo retries (the request
        runs again and applies after it). A card still busy after the wait
        gets a message naming it.
        """
        if not self:
            return
        cr = self.env.cr
        try:
            with cr.savepoint(flush=False):
                cr.execute(SQL("SET LOCAL lock_timeout = %s", f"{LOCK_WAIT_SECONDS}s"))
                cr.execute(
                    SQL(
                        "SELECT id FROM loyalty_card WHERE id = ANY(%s) "
                        "ORDER BY id FOR NO KEY UPDATE",
                        list(self.ids),
                    )
                )
                cr.execute(SQL("SET LOCAL lock_timeout = DEFAULT"))
        except psycopg2.errors.LockNotAvailable:
            raise LockError(
                self.env._(
                    "Card %(card)s is being updated by someone else (a sale, "
                    "a redemption or an adjustment). Nothing was changed: "
                    "try again in a moment.",
                    card=", ".join(self.mapped(lambda card: card._crm_label())),
                )
            ) from None
        self.invalidate_recordset(["points"])

    def _crm_register_ledger_check(self):
        """Check the ledger of these cards against their balance before commit.

        Odoo's flows write the balance and the history in either order, so the
        check waits for the end of the transaction; a gap (a balance written
        without a ledger line) refuses the transaction.
        """
        cards = self._crm_ledger_cards()
        if not cards:
            return
        precommit = self.env.cr.precommit
        if LEDGER_CHECK_KEY not in precommit.data:
            precommit.data[LEDGER_CHECK_KEY] = set()
            precommit.add(cards.sudo()._crm_reconcile_pending_ledgers)
        precommit.data[LEDGER_CHECK_KEY].update(cards.ids)

    def _crm_reconcile_pending_ledgers(self):
        card_ids = self.env.cr.precommit.data.pop(LEDGER_CHECK_KEY, set())
        # no exists(): the check's query skips cards deleted since
        self.browse(sorted(card_ids))._crm_reconcile_ledger()

    def _crm_reconcile_ledger(self):
        """Refuse a balance that differs from the card's ledger.

        Every sanctioned flow writes a ledger line with the points it moves;
        a difference is a change no flow explains, so it is never absorbed.
        """
        if not self:
            return
        self.flush_model(["points"])
        self.env["loyalty.history"]._crm_flush_ledger()
        gaps = self.env.execute_query(
            SQL(
                """
                SELECT c.id,
                       COALESCE(c.points, 0)
                       - COALESCE(SUM(COALESCE(h.issued, 0) - COALESCE(h.used, 0)), 0)
                  FROM loyalty_card c
             LEFT JOIN loyalty_history h ON h.card_id = c.id
                 WHERE c.id = ANY(%s)
              GROUP BY c.id
                """,
                self.ids,
            )
        )
        unexplained = [
            (self.browse(card_id), gap)
            for card_id, gap in gaps
            if not float_is_zero(gap, precision_digits=4)
        ]
        if unexplained:
            card, gap = unexplained[0]
            raise ValidationError(
                self.env._(
                    "Card %(card)s: its balance would differ from its points "
                    "ledger by %(gap)s points, a change no ledger line explains. "
                    "Nothing was saved; a Customer Care manager corrects points "
                    "with Adjust Points, with a reason.",
                    card=card._crm_label(),
                    gap=round(gap, 4),
                )
            )

    @api.depends("points", "program_id.crm_expiry_warning_days")
    def _compute_crm_points_expiring(self):
        today = fields.Date.context_today(self)
        expiring = defaultdict(float)
        next_dates = {}
        if self.ids:
            self.env["loyalty.history"]._crm_flush_ledger()
            rows = self.env.execute_query(
                self.env["loyalty.history"]._crm_remaining_sql(self.ids)
            )
            by_id = {card.id: card for card in self}
            for _line, card_id, expiration_date, remaining in rows:
                if not expiration_date or remaining <= 0 or expiration_date < today:
                    continue
                card = by_id[card_id]
                horizon = today + timedelta(
                    days=card.program_id.crm_expiry_warning_days
                )
                if expiration_date <= horizon:
                    expiring[card_id] += remaining
                if card_id not in next_dates or expiration_date < next_dates[card_id]:
                    next_dates[card_id] = expiration_date
        for card in self:
            card.crm_points_expiring = expiring.get(card.id, 0.0)
            card.crm_next_expiry_date = next_dates.get(card.id, False)

    def _crm_adjust_points(self, delta, reason, customer_description=None):
        """Add (or take away) points by hand, never below zero.

        ``reason`` stays internal (the card's ledger and chatter); the
        customer reads ``customer_description``, or that customer care
        adjusted the points.

        The card row is locked first, so a concurrent redemption or expiry
        either waits for this adjustment or is retried after it: the balance
        that is checked is the one that is written.
        """
        self.ensure_one()
        if (
            isinstance(delta, bool)
            or not isinstance(delta, int | float)
            or not math.isfinite(delta)
        ):
            raise ValidationError(
                self.env._(
                    "Points: enter a finite number of points, not %(delta)s.",
                    delta=delta,
                )
            )
        rounded = self.program_id._crm_round_points(delta, "HALF-UP")
        if float_compare(rounded, delta, precision_digits=4):
            raise ValidationError(
                self.env._(
                    "Points: card %(card)s counts points in steps of "
                    "%(rounding)s; enter %(rounded)s instead of %(asked)s.",
                    card=self._crm_label(),
                    rounding=self.program_id.crm_points_rounding,
                    rounded=rounded,
                    asked=delta,
                )
            )
        limit = self.program_id.crm_adjust_max_points
        if abs(delta) > limit:
            raise ValidationError(
                self.env._(
                    "Points: an adjustment of card %(card)s is at most %(limit)s "
                    "points (program %(program)s), not %(asked)s. A larger "
                    "correction needs a higher limit on the program.",
                    card=self._crm_label(),
                    limit=limit,
                    program=self.program_id.name,
                    asked=delta,
                )
            )
        if float_is_zero(delta, precision_digits=4):
            raise ValidationError(
                self.env._("Points: enter a number of points other than zero.")
            )
        if not (reason or "").strip():
            raise ValidationError(
                self.env._(
                    "Reason: say why the points of %(card)s change.", card=self.code
                )
            )
        self._crm_lock_points()
        if self.points + delta < 0:
            raise ValidationError(
                self.env._(
                    "Points: card %(card)s holds %(balance)s points, so at most "
                    "%(balance)s can be taken away, not %(asked)s.",
                    card=self.code,
                    balance=self.points,
                    asked=-delta,
                )
            )
        card = points_flow(self)
        line = card.env["loyalty.history"].create(
            {
                "card_id": self.id,
                "crm_move_type": "adjusted",
                "description": reason.strip(),
                "crm_customer_description": customer_description,
                "issued": max(delta, 0.0),
                "used": max(-delta, 0.0),
            }
        )
        card.points += delta
        self.message_post(
            body=self.env._(
                "Points adjusted by %(points)s: %(reason)s",
                points=delta,
                reason=line.description,
            )
        )
        return line

    # ------------------------------------------------------------------
    # Points mall
    # ------------------------------------------------------------------

    def _crm_mall_rewards(self):
        """The rewards of the points mall this card's points buy."""
        self.ensure_one()
        return self.program_id.reward_ids.filtered("crm_mall_type").sorted(
            lambda reward: (reward.required_points, reward.id)
        )

    def _crm_redeem_mall_reward(self, reward, request_key=None):
        """Exchange points of this card for ``reward`` of the points mall.

        In one transaction: the points that have expired by today are
        expired first (they are never spent), the balance is checked, then
        the reward's points are taken with a *Redeemed* ledger line naming
        the reward and, for a coupon reward, the coupon issued for them (a
        card of the reward's coupon program, made by Odoo's coupon generator
        for the card holder). A donation is recorded by the ledger line.

        The card row is locked first: two redemptions at once on one card
        run one after the other, and the second sees the balance the first
        left. ``request_key`` makes the request idempotent: a request sent
        again with the same key returns the line it booked, without taking
        points or issuing a coupon again.

        The caller checks that the card is the member's; the coupon is
        issued as superuser (Odoo's generator is for sales managers). Returns
        the ledger line.
        """
        self.ensure_one()
        self._crm_lock_points()
        History = self.env["loyalty.history"].sudo()
        if request_key:
            done = History.search(
                [("card_id", "=", self.id), ("crm_request_key", "=", request_key)],
                limit=1,
            )
            if done:
                return done
        if (
            reward.crm_mall_type not in ("coupon", "donation")
            or reward.program_id != self.program_id
            or not reward.active
            or not self.program_id.active
            or not self.partner_id
            or not self._crm_ledger_cards()
        ):
            raise UserError(
                self.env._(
                    "%(reward)s is not in the points mall of card %(card)s.",
                    reward=reward.description,
                    card=self.code,
                )
            )
        today = fields.Date.context_today(self)
        if self.expiration_date and self.expiration_date < today:
            raise UserError(
                self.env._(
                    "Card %(card)s has expired: its points can no longer be spent.",
                    card=self.code,
                )
            )
        self._crm_expire(today)
        price = reward.required_points
        if float_compare(self.points, price, precision_digits=4) < 0:
            raise UserError(
                self.env._(
                    "%(reward)s needs %(price)s points and card %(card)s has "
                    "%(balance)s: nothing was redeemed.",
                    reward=reward.description,
                    price=self.program_id._crm_points_text(price),
                    card=self.code,
                    balance=self.program_id._crm_points_text(self.points),
                )
            )
        # the ledger speaks the member's language, whoever redeems
        member_env = self.with_context(lang=self.partner_id.lang or self.env.lang).env
        description = member_env._(
            "Points mall: %(reward)s",
            reward=reward.with_env(member_env).description,
        )
        coupon = self.browse()
        if reward.crm_mall_type == "coupon":
            coupon = (
                self.env["loyalty.generate.wizard"]
                .sudo()
                .create(
                    {
                        "program_id": reward.crm_mall_coupon_program_id.id,
                        "mode": "selected",
                        "customer_ids": self.partner_id.ids,
                        "points_granted": reward._crm_mall_coupon_points(),
                        "valid_until": today
                        + timedelta(days=reward.crm_mall_coupon_validity_days),
                        "description": description,
                    }
                )
                .generate_coupons()
            )
        card = points_flow(self)
        line = points_flow(History).create(
            {
                "card_id": self.id,
                "crm_move_type": "redeemed",
                "description": description,
                "used": price,
                "crm_mall_reward_id": reward.id,
                "crm_mall_coupon_id": coupon.id,
                "crm_request_key": request_key or False,
            }
        )
        card.with_context(loyalty_no_mail=True).points -= price
        return line

    @api.model
    def _crm_due_card_ids(self, today):
        """Cards holding earned points whose expiration date has come."""
        self.env["loyalty.history"]._crm_flush_ledger()
        rows = self.env.execute_query(
            self.env["loyalty.history"]._crm_due_points_sql(today)
        )
        return sorted(card_id for card_id, _due in rows)

    def _crm_expire(self, today):
        """Expire what is left of the due points of these cards.

        Cards being changed by another transaction at that moment (a
        redemption at the counter) are skipped and expired on the next run.
        Returns the cards expired.
        """
        cards = points_flow(self.try_lock_for_update(allow_referencing=True))
        expired = cards._crm_expiring_amounts(today)
        lines = cards.env["loyalty.history"].create(
            [
                {
                    "card_id": card.id,
                    "crm_move_type": "expired",
                    # in the member's language: the cron speaks English
                    "description": card.with_context(
                        lang=card.partner_id.lang or self.env.lang
                    ).env._("Points expired"),
                    "used": min(amount, max(card.points, 0.0)),
                }
                for card, amount in expired.items()
            ]
        )
        # Losing points never reaches a milestone: skip loyalty's mail check.
        for line in lines.with_context(loyalty_no_mail=True, mail_notrack=True):
            line.card_id.points -= line.used
        return lines.card_id

    def _crm_expiring_amounts(self, today):
        """Due points left per card, as {card: points}."""
        if not self:
            return {}
        self.env["loyalty.history"]._crm_flush_ledger()
        rows = self.env.execute_query(
            self.env["loyalty.history"]._crm_due_points_sql(today, self.ids)
        )
        return {
            self.browse(card_id).with_prefetch(self._prefetch_ids): due
            for card_id, due in rows
        }

    @api.model
    def _crm_expire_points(self, today=None, progress=None):
        """Expire every due point, one batch of cards at a time.

        The due cards are found once; each batch then reads only its own
        cards' ledger. ``progress(done, remaining)`` is called after each
        batch (the cron commits there) and stops the run by returning a false
        value. Busy cards skipped are taken by the next run. Returns the
        cards expired.
        """
        today = today or fields.Date.context_today(self)
        due_ids = self._crm_due_card_ids(today)
        expired_ids = []
        for index, batch in enumerate(split_every(BATCH_SIZE, due_ids), start=1):
            expired_ids += self.browse(batch)._crm_expire(today).ids
            remaining = max(len(due_ids) - index * BATCH_SIZE, 0)
            if progress and not progress(len(batch), remaining):
                break
        return self.browse(expired_ids)

    @api.model
    def _cron_expire_points(self):
        cron = self.env["ir.cron"]
        self._crm_expire_points(
            progress=lambda done, remaining: cron._commit_progress(
                done, remaining=remaining
            )
        )

    @api.model
    def _crm_notify_expiring_points(self, today=None):
        """Warn members once per expiry date, the program's warning days ahead."""
        today = today or fields.Date.context_today(self)
        programs = self.env["loyalty.program"].search(
            [("crm_points_expiry_months", ">", 0), ("crm_expiry_warning_days", ">", 0)]
        )
        warned = self.browse()
        for program in programs:
            horizon = today + timedelta(days=program.crm_expiry_warning_days)
            rows = self.env.execute_query(
                SQL(
                    """
                    SELECT r.card_id, MIN(r.crm_expiration_date)
                      FROM (%(remaining)s) r
                      JOIN loyalty_card c ON c.id = r.card_id
                     WHERE c.program_id = %(program)s
                       AND c.partner_id IS NOT NULL
                       AND r.remaining > 0
                       AND r.crm_expiration_date > %(today)s
                       AND r.crm_expiration_date <= %(horizon)s
                  GROUP BY r.card_id, c.crm_expiry_notified_on
                    HAVING c.crm_expiry_notified_on IS NULL
                        OR c.crm_expiry_notified_on < MIN(r.crm_expiration_date)
                    """,
                    remaining=self.env["loyalty.history"]._crm_remaining_sql(),
                    program=program.id,
                    today=today,
                    horizon=horizon,
                )
            )
            by_date = defaultdict(list)
            for card_id, expiration_date in rows:
                by_date[expiration_date].append(card_id)
            for expiration_date, card_ids in by_date.items():
                cards = self.browse(card_ids)
                cards.write({"crm_expiry_notified_on": expiration_date})
                cards._crm_notify(
                    f"points_expiring:{expiration_date}",
                    "crm_fresh_loyalty.mail_template_points_expiring",
                    "crm_fresh_loyalty.sms_template_points_expiring",
                )
                warned |= cards
        return warned

    @api.model
    def _cron_notify_expiring_points(self):
        warned = self._crm_notify_expiring_points()
        self.env["ir.cron"]._commit_progress(len(warned), remaining=0)

    # ------------------------------------------------------------------
    # Membership tiers
    # ------------------------------------------------------------------

    def _crm_set_tier(self, tier, reason, note=False):
        """Put these cards in ``tier``, keep the history, tell the members."""
        to_change = self.filtered(lambda card: card.crm_tier_id != tier)
        if not to_change:
            return self.env["crm.membership.tier.history"]
        if tier and tier.program_id not in to_change.program_id:
            raise ValidationError(
                self.env._(
                    "Tier: %(tier)s belongs to the program %(program)s, not to the "
                    "program of the card.",
                    tier=tier.name,
                    program=tier.program_id.name,
                )
            )
        rank = {t.id: index for index, t in enumerate(tier.program_id.crm_tier_ids)}
        history = (
            self.env["crm.membership.tier.history"]
            .sudo()
            .create(
                [
                    {
                        "card_id": card.id,
                        "from_tier_id": card.crm_tier_id.id,
                        "to_tier_id": tier.id,
                        "reason": reason,
                        "note": note,
                        "is_upgrade": rank.get(tier.id, -1)
                        > rank.get(card.crm_tier_id.id, -1),
                    }
                    for card in to_change
                ]
            )
        )
        to_change.write({"crm_tier_id": tier.id, "crm_tier_at_risk_since": False})
        upgrades = {line.card_id: line for line in history.filtered("is_upgrade")}
        history.filtered("is_upgrade").card_id._crm_notify(
            lambda card: f"tier_upgrade:{upgrades[card].id}",
            "crm_fresh_loyalty.mail_template_tier_upgrade",
            "crm_fresh_loyalty.sms_template_tier_upgrade",
        )
        return history

    @api.model
    def _crm_cards_of(self, partners, programs):
        """The cards ``partners`` earn on and redeem from in ``programs``.

        The one place that decides which card is a customer's: the card of
        their commercial partner. Returns a sudo'ed recordset.
        """
        partners.fetch(["commercial_partner_id"])
        return self.sudo().search(
            [
                ("partner_id", "in", partners.commercial_partner_id.ids),
                ("program_id", "in", programs.ids),
            ]
        )

    @api.model
    def _crm_evaluate_buyer_tiers(self, partners):
        """Upgrade the buyers whose purchase reached a tier, right away."""
        # The commercial partner only, not the buyer's whole record: this runs
        # on every sale and POS order.
        partners.fetch(["commercial_partner_id"])
        cards = self.sudo().search_fetch(
            [
                ("partner_id", "in", partners.commercial_partner_id.ids),
                ("program_id.crm_tier_ids", "!=", False),
            ],
            ["program_id", "partner_id"],
        )
        for program in cards.program_id:
            program.with_env(self.env)._crm_evaluate_tiers(
                cards=cards.filtered(lambda c, p=program: c.program_id == p)
            )

    # ------------------------------------------------------------------
    # Points transfer between cards of one program, for customer merges
    # ------------------------------------------------------------------

    def _crm_transfer_points(self, target):
        """Move the whole balance of these cards into ``target``.

        Each source card gets one ``transferred`` line taking its balance
        away; the target gets one ``transferred`` line per expiration date of
        the points moved, so the points keep the dates they would have
        expired on (first-in first-out survives the move). Both balances stay
        equal to their ledgers. An eWallet's money, which does not expire and
        has Odoo's history rather than a ledger, moves in one line each way.
        Returns the ledger lines created.
        """
        target.ensure_one()
        cards = points_flow((self | target).sorted("id"))
        cards._crm_lock_points()
        cards._crm_ledger_cards()._crm_reconcile_ledger()
        sources = (self - target).filtered(
            lambda card: not float_is_zero(card.points, precision_digits=4)
        )
        if not sources:
            return self.env["loyalty.history"]
        self.env["loyalty.history"]._crm_flush_ledger()
        by_date = defaultdict(lambda: defaultdict(float))
        ledger_sources = sources._crm_ledger_cards()
        for _line, card_id, expiration_date, remaining in self.env.execute_query(
            self.env["loyalty.history"]._crm_remaining_sql(ledger_sources.ids)
        ):
            if remaining > 0:
                by_date[card_id][expiration_date] += remaining
        for card in (sources - ledger_sources).filtered(lambda card: card.points > 0):
            by_date[card.id][False] = card.points
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
        lines = cards.env["loyalty.history"].sudo().create(vals_list)
        moved = sum(sources.mapped("points"))
        quiet = {"loyalty_no_mail": True, "mail_notrack": True}
        points_flow(target).with_context(**quiet).points += moved
        points_flow(sources).with_context(**quiet).write({"points": 0.0})
        return lines
