# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL, format_amount

CARE_USER = "crm_fresh_loyalty.group_customer_care_user"
TIER_PROGRESS_FIELDS = [
    "name",
    "qualify_spend",
    "qualify_points",
    "qualify_operator",
    "currency_id",
]


class ResPartner(models.Model):
    """The 360° customer view (客户360度视图): purchase statistics, progress to
    the next tier and counters of the smart buttons, each computed for the
    whole recordset in a fixed number of queries whatever the history size."""

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    crm_currency_id = fields.Many2one(
        "res.currency", compute="_compute_crm_purchase_stats", groups=CARE_USER
    )
    crm_lifetime_spend = fields.Monetary(
        string="Lifetime Spend",
        currency_field="crm_currency_id",
        compute="_compute_crm_purchase_stats",
        groups=CARE_USER,
        help="Net purchases of the customer in this company, refunds deducted.",
    )
    crm_order_count = fields.Integer(
        string="Orders", compute="_compute_crm_purchase_stats", groups=CARE_USER
    )
    crm_average_order_value = fields.Monetary(
        string="Average Order Value",
        currency_field="crm_currency_id",
        compute="_compute_crm_purchase_stats",
        groups=CARE_USER,
    )
    crm_last_purchase_date = fields.Datetime(
        string="Last Purchase", compute="_compute_crm_purchase_stats", groups=CARE_USER
    )
    crm_channel_mix = fields.Char(
        string="Channel Mix",
        compute="_compute_crm_purchase_stats",
        groups=CARE_USER,
        help="Share of the lifetime spend per sales channel.",
    )
    crm_next_tier_id = fields.Many2one(
        "crm.membership.tier",
        string="Next Tier",
        compute="_compute_crm_next_tier",
        groups=CARE_USER,
    )
    crm_next_tier_progress = fields.Float(
        string="Progress to Next Tier",
        compute="_compute_crm_next_tier",
        groups=CARE_USER,
        help="How far the spend or points of the tier window are from the "
        "qualifying thresholds of the next tier, in percent.",
    )
    crm_next_tier_missing = fields.Char(
        string="Missing for Next Tier",
        compute="_compute_crm_next_tier",
        groups=CARE_USER,
    )
    crm_ledger_line_count = fields.Integer(
        string="Points Movements", compute="_compute_crm_counters", groups=CARE_USER
    )
    crm_tier_history_count = fields.Integer(
        string="Tier Changes", compute="_compute_crm_counters", groups=CARE_USER
    )
    crm_tier_id = fields.Many2one(search="_search_crm_tier_id")
    crm_card_code = fields.Char(
        string="Member Card",
        compute="_compute_crm_card_code",
        search="_search_crm_card_code",
        groups=CARE_USER,
    )

    @api.depends_context("company")
    def _compute_crm_purchase_stats(self):
        company = self.env.company
        stats = defaultdict(lambda: {"spend": 0.0, "orders": 0, "last": False})
        channels = defaultdict(dict)
        commercial = self.commercial_partner_id
        if commercial.ids:
            facts = self.env["crm.purchase.fact"]
            labels = dict(facts._fields["channel"]._description_selection(self.env))
            # One grouped read, with the record rules of the facts; orders
            # are counted per source (ids of two order models may be equal),
            # refunds count in the spend only.
            groups = facts._read_group(
                [
                    ("partner_id", "in", commercial.ids),
                    ("company_id", "=", company.id),
                ],
                ["partner_id", "channel", "order_model", "is_refund"],
                ["amount:sum", "order_id:count_distinct", "date:max"],
            )
            for partner, channel, _model, is_refund, spend, orders, last in groups:
                partner_stats = stats[partner.id]
                partner_stats["spend"] += spend or 0.0
                label = labels.get(channel, channel)
                channels[partner.id][label] = channels[partner.id].get(label, 0.0) + (
                    spend or 0.0
                )
                if is_refund:
                    continue
                partner_stats["orders"] += orders
                if last and (not partner_stats["last"] or last > partner_stats["last"]):
                    partner_stats["last"] = last
        for partner in self:
            partner_stats = stats[partner.commercial_partner_id.id]
            spend, orders = partner_stats["spend"], partner_stats["orders"]
            partner.crm_currency_id = company.currency_id
            partner.crm_lifetime_spend = spend
            partner.crm_order_count = orders
            partner.crm_average_order_value = spend / orders if orders else 0.0
            partner.crm_last_purchase_date = partner_stats["last"]
            partner.crm_channel_mix = self._crm_format_channel_mix(
                channels[partner.commercial_partner_id.id]
            )

    @api.model
    def _crm_format_channel_mix(self, spend_by_channel):
        """Shares of the positive spend per channel, largest first, as in
        "Point of Sale 75%, E-commerce 25%"."""
        positive = {
            name: spend for name, spend in spend_by_channel.items() if spend > 0
        }
        total = sum(positive.values())
        if not total:
            return False
        return ", ".join(
            f"{name} {round(100 * spend / total)}%"
            for name, spend in sorted(positive.items(), key=lambda item: -item[1])
        )

    @api.depends_context("company")
    @api.depends("crm_membership_card_id")
    def _compute_crm_next_tier(self):
        self.crm_next_tier_id = False
        self.crm_next_tier_progress = 0.0
        self.crm_next_tier_missing = False
        cards = self.crm_membership_card_id
        today = fields.Date.context_today(self)
        for program in cards.program_id:
            program_cards = cards.filtered(
                lambda card, program=program: card.program_id == program
            )
            spend, points = self._crm_tier_window_stats(program, program_cards, today)
            # lowest first; fetched with what the progress reads, in one query
            tiers = self.env["crm.membership.tier"].search_fetch(
                [("program_id", "=", program.id)],
                TIER_PROGRESS_FIELDS,
            )
            rank_of = {tier: index for index, tier in enumerate(tiers)}
            for partner in self.filtered(
                lambda p, cards=program_cards: p.crm_membership_card_id in cards
            ):
                card = partner.crm_membership_card_id
                rank = rank_of.get(card.crm_tier_id, -1)
                above = tiers[rank + 1 :]
                if not above:
                    continue
                next_tier = above[0]
                partner.crm_next_tier_id = next_tier
                partner.crm_next_tier_progress, partner.crm_next_tier_missing = (
                    self._crm_tier_progress(
                        next_tier,
                        spend.get(card.partner_id.commercial_partner_id.id, 0.0),
                        points.get(card.id, 0.0),
                    )
                )

    @api.model
    def _crm_tier_window_stats(self, program, cards, today):
        """Spend per customer and points earned per card over the program's
        tier window, in one query for all the cards."""
        date_from = today - relativedelta(months=program.crm_tier_window_months)
        self.env["crm.purchase.fact"].flush_sources()
        self.env["loyalty.history"].flush_model(
            ["card_id", "crm_move_type", "issued", "create_date"]
        )
        rows = self.env.execute_query(
            SQL(
                """
                SELECT 'spend', s.partner_id, s.spend FROM (%(spend)s) s
                 UNION ALL
                SELECT 'points', h.card_id, SUM(h.issued)
                  FROM loyalty_history h
                 WHERE h.card_id = ANY(%(card_ids)s) AND h.crm_move_type = 'earned'
                   AND h.create_date >= %(date_from)s
              GROUP BY h.card_id
                """,
                spend=program._crm_spend_sql(
                    date_from, today, cards.partner_id.commercial_partner_id.ids
                ),
                card_ids=cards.ids,
                date_from=date_from,
            )
        )
        stats = {"spend": {}, "points": {}}
        for kind, res_id, value in rows:
            stats[kind][res_id] = value
        return stats["spend"], stats["points"]

    @api.model
    def _crm_tier_progress(self, tier, spend, points):
        """(progress in percent, what is missing as text) towards ``tier``."""
        thresholds = []
        missing = []
        if tier.qualify_spend:
            thresholds.append(min(spend / tier.qualify_spend, 1.0))
            if spend < tier.qualify_spend:
                missing.append(
                    self.env._(
                        "%(amount)s spend",
                        amount=format_amount(
                            self.env, tier.qualify_spend - spend, tier.currency_id
                        ),
                    )
                )
        if tier.qualify_points:
            thresholds.append(min(points / tier.qualify_points, 1.0))
            if points < tier.qualify_points:
                missing.append(
                    self.env._(
                        "%(points)s points", points=round(tier.qualify_points - points)
                    )
                )
        if not thresholds:
            return 0.0, False
        if tier.qualify_operator == "and":
            progress = min(thresholds)
            joined = self.env._(" and ").join(missing)
        else:
            progress = max(thresholds)
            joined = self.env._(" or ").join(missing)
        return round(100 * progress, 1), missing and self.env._(
            "%(missing)s to %(tier)s", missing=joined, tier=tier.name
        )

    @api.depends_context("company")
    def _compute_crm_counters(self):
        commercial_ids = self.commercial_partner_id.ids
        counts = self._crm_count_by_partner(
            {
                "ledger": ("loyalty.history", [("partner_id", "in", commercial_ids)]),
                "tiers": (
                    "crm.membership.tier.history",
                    [("partner_id", "in", commercial_ids)],
                ),
            }
        )
        for partner in self:
            commercial_id = partner.commercial_partner_id.id
            partner.crm_ledger_line_count = counts["ledger"].get(commercial_id, 0)
            partner.crm_tier_history_count = counts["tiers"].get(commercial_id, 0)

    @api.model
    def _crm_count_by_partner(self, counted):
        """Count records per partner for several models in one query.

        ``counted`` maps a key to ``(model, domain)``; each model is searched
        with its own access rules (``_search``), and the counts come back as
        ``{key: {partner_id: count}}`` (nothing for a model the user may not
        read). The customer form shows many smart button counters: one query
        for all of them keeps its cost flat.
        """
        parts = []
        for key, (model, domain) in counted.items():
            if not self.env[model].has_access("read"):
                continue
            query = self.env[model]._search(domain)
            parts.append(
                SQL(
                    "SELECT %s, sub.partner_id, COUNT(*) FROM (%s) sub"
                    " GROUP BY sub.partner_id",
                    key,
                    query.select(SQL.identifier(query.table, "partner_id")),
                )
            )
        counts = {key: {} for key in counted}
        if parts:
            for key, partner_id, count in self.env.execute_query(
                SQL(" UNION ALL ").join(parts)
            ):
                counts[key][partner_id] = count
        return counts

    @api.depends("crm_membership_card_id")
    def _compute_crm_card_code(self):
        for partner in self:
            partner.crm_card_code = partner.crm_membership_card_id.code

    def _search_crm_card_code(self, operator, value):
        if operator not in ("in", "ilike", "=ilike", "like", "=like"):
            return NotImplemented
        cards = self.env["loyalty.card"]._search([("code", operator, value)])
        return Domain("id", "in", cards.subselect("partner_id"))

    def _search_crm_tier_id(self, operator, value):
        if operator not in ("in", "ilike", "any"):
            return NotImplemented
        cards = self.env["loyalty.card"]._search(
            [
                ("crm_tier_id", operator, value),
                ("program_id.crm_tier_ids", "!=", False),
                ("company_id", "in", [self.env.company.id, False]),
            ]
        )
        return Domain("id", "in", cards.subselect("partner_id"))

    def _crm_open_related(self, xmlid, domain):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action["domain"] = domain
        action["context"] = {"create": False}
        action["display_name"] = self.env._(
            "%(action)s of %(partner)s",
            action=action["name"],
            partner=self.commercial_partner_id.display_name,
        )
        return action

    def action_crm_view_purchases(self):
        return self._crm_open_related(
            "crm_fresh_loyalty.crm_purchase_fact_action",
            [("partner_id", "=", self.commercial_partner_id.id)],
        )

    def action_crm_view_ledger(self):
        return self._crm_open_related(
            "crm_fresh_loyalty.loyalty_history_action_ledger",
            [("partner_id", "=", self.commercial_partner_id.id)],
        )

    def action_crm_view_tier_history(self):
        return self._crm_open_related(
            "crm_fresh_loyalty.crm_membership_tier_history_action",
            [("partner_id", "=", self.commercial_partner_id.id)],
        )
