# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from functools import partial

import numpy as np

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools import clv

RFM_SEGMENTS = [
    ("champions", "Champions"),
    ("loyal", "Loyal"),
    ("potential_loyalist", "Potential Loyalists"),
    ("new", "New Customers"),
    ("promising", "Promising"),
    ("need_attention", "Need Attention"),
    ("about_to_sleep", "About to Sleep"),
    ("at_risk", "At Risk"),
    ("cant_lose", "Can't Lose Them"),
    ("hibernating", "Hibernating"),
    ("lost", "Lost"),
]
LIFECYCLE_STAGES = [
    ("prospect", "Prospect"),
    ("new", "New"),
    ("active", "Active"),
    ("loyal", "Loyal"),
    ("churn_warning", "Churn Warning"),
    ("churned", "Churned"),
    ("won_back", "Won Back"),
]
CHURN_REASONS = [
    ("no_purchase", "Unlikely to buy soon"),
    ("interval", "Purchase interval"),
    ("interactions", "Fewer interactions"),
]
# The value class shares the key at_risk with the RFM segment, not the label:
# each reads, and translates, as what it means.
VALUE_CLASSES = [
    ("high_value", "High Value"),
    ("growing", "Growing"),
    ("basic", "Basic"),
    ("at_risk", "At-Risk Customer"),
]
# The nightly steps, in order: the month's history and lifecycle read the
# segments and F score of RFM, lifecycle reads the probabilities of the value
# model, retention reads the lifecycle stage, recommendations read the
# association rules.
STEPS = ("rfm", "history", "value", "lifecycle", "retention", "cross_sell", "kpi")
DAYS_PER_MONTH = 30.4375
DAYS_PER_YEAR = 365
# The columns the value step writes from the value model's predictions (NULL
# for customers without purchase, or all when the company has no model).
PREDICTED_COLUMNS = (
    "repeat_purchase_days",
    "repeat_order_value",
    "expected_purchases",
    "expected_order_value",
    "predicted_value",
    "probability_alive",
    "probability_no_purchase",
)
INTEGER_COLUMNS = ("partner_id", "repeat_purchase_days")


class CrmCustomerAnalytics(models.Model):
    """What the analytics know of a customer in a company.

    One row per commercial partner and company, written set-wise by the
    ``_step_*`` nightly steps (one SQL statement each, never one query per
    customer) from the purchase facts of crm_fresh_loyalty. The partner shows
    the row of the current company (see ``res.partner``).

    **RFM scores** (``_step_rfm``): over the purchases of the last
    ``crm_rfm_window_months`` months, recency is the days since the last
    purchase, frequency the number of orders, monetary the net spend (refunds
    deducted). R and M are scored 1-5 by quintile of their mid-rank: ``score
    = 1 + floor(5 * (below + equal / 2) / n)``, where ``below`` counts the
    customers with a strictly worse value (less spend, more days), ``equal``
    those with the same value (the customer included) and ``n`` all scored
    customers. Equal values therefore always get the same score, placed at
    the middle of their tie: 5 distinct values score 1 to 5, 10 score
    1,1,2,2,3,3,4,4,5,5, and a base where everyone is tied (or a single
    customer) scores 3. Computed in integers, so quintile edges are exact.

    F gives one-order customers the lowest score, 1, however many they are,
    and scores the repeat buyers 2-5 by quartile of their mid-rank among the
    repeat buyers (``1 + ceil(4 * (below + equal / 2) / n)``: repeat buyers
    all tied score 3, as everyone tied scores 3 for R and M): on a young
    or one-time-heavy base, where most customers bought once, the mid-rank
    of the whole base would give every one-order customer the same middle
    score and leave segments empty. Every segment of the grid below can then
    occur whatever the share of one-order customers.
    Customers who bought before the window but not in it have no scores and
    are *lost*.

    **Segments** from the R and F scores (the usual RFM grid):

    ======  ============  ===================
    R       F             Segment
    ======  ============  ===================
    5       4-5           champions
    3-4     4-5           loyal
    4-5     2-3           potential loyalists
    5       1             new customers
    4       1             promising
    3       3             need attention
    3       1-2           about to sleep
    1-2     3-4           at risk
    1-2     5             can't lose them
    1-2     1-2           hibernating (lost when R = F = 1)
    ======  ============  ===================
    """

    _name = "crm.customer.analytics"
    _description = "Customer Analytics"
    _order = "company_id, partner_id"
    _rec_name = "partner_id"
    # Written set-wise by the nightly run only: no create/write stamps, whose
    # user foreign keys cost a check per row on every rewrite.
    _log_access = False

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one("res.company", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        related="partner_id.user_id", string="Account Manager", readonly=True
    )
    recency_days = fields.Integer(
        readonly=True, aggregator="avg", help="Days since the last purchase."
    )
    frequency = fields.Integer(
        readonly=True, aggregator="avg", help="Orders in the RFM window."
    )
    monetary = fields.Monetary(
        readonly=True, help="Net spend in the RFM window, refunds deducted."
    )
    r_score = fields.Integer(string="R", readonly=True, aggregator="avg")
    f_score = fields.Integer(string="F", readonly=True, aggregator="avg")
    m_score = fields.Integer(string="M", readonly=True, aggregator="avg")
    segment = fields.Selection(RFM_SEGMENTS, readonly=True)
    rfm_date = fields.Date(string="RFM Computed On", readonly=True)
    first_purchase_date = fields.Date(readonly=True)
    last_purchase_date = fields.Date(readonly=True)
    order_count = fields.Integer(readonly=True, help="Orders ever.")
    median_interval_days = fields.Float(
        string="Median Purchase Interval (days)", readonly=True, aggregator="avg"
    )
    lifecycle_stage = fields.Selection(LIFECYCLE_STAGES, readonly=True)
    churn_reason = fields.Selection(CHURN_REASONS, readonly=True)
    value_class = fields.Selection(VALUE_CLASSES, readonly=True)
    annual_spend = fields.Monetary(string="Purchases, Last 12 Months", readonly=True)
    previous_annual_spend = fields.Monetary(
        string="Purchases, 12 Months Before", readonly=True
    )
    annualised_spend = fields.Monetary(
        string="Annualised Purchases",
        readonly=True,
        help="Purchases of the last 12 months, scaled up to a year for customers "
        "who first bought less than a year ago (at least the analysis period is "
        "counted); the value class compares it with the thresholds.",
    )
    lifetime_value = fields.Monetary(readonly=True, help="Net spend to date.")
    # The customer value model (crm.clv.model) and what it predicts, from the
    # purchase days: several orders on one day are one purchase.
    clv_model_id = fields.Many2one(
        "crm.clv.model", string="Value Model", readonly=True, ondelete="set null"
    )
    repeat_purchase_days = fields.Integer(
        readonly=True,
        aggregator="avg",
        help="Days with a purchase after the first one; several orders on one "
        "day count once.",
    )
    repeat_order_value = fields.Monetary(
        string="Average Purchase",
        readonly=True,
        help="Average amount of the purchase days after the first one; for a "
        "customer who bought on one day only, the amount of that day.",
    )
    expected_purchases = fields.Float(
        string="Expected Purchases, Next 12 Months",
        readonly=True,
        digits=(16, 2),
        help="Purchase days the value model expects in the next 12 months.",
    )
    expected_order_value = fields.Monetary(
        readonly=True,
        help="Amount the value model expects per purchase: the customer's own "
        "average pulled towards the average of all customers, the more so the "
        "fewer purchases it rests on.",
    )
    predicted_value = fields.Monetary(
        string="Predicted 12-Month Value",
        readonly=True,
        help="Expected purchases of the next 12 months times the expected order value.",
    )
    probability_alive = fields.Float(
        string="Probability Active (%)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Probability that the customer still buys from us at all.",
    )
    probability_no_purchase = fields.Float(
        string="Probability of No Purchase (%)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Probability that the customer buys nothing within the churn horizon "
        "of the settings; the churn warning fires on it.",
    )

    # Its index serves the lookups by customer; no other index, so that the
    # nightly rewrite of every row stays cheap (groupings scan the table).
    _partner_company_unique = models.Constraint(
        "UNIQUE(partner_id, company_id)",
        "A customer has one analytics row per company.",
    )

    # ------------------------------------------------------------------
    # Entry points
    # ------------------------------------------------------------------

    @api.model
    def action_recompute(self):
        """Recompute everything now, for the companies of the user."""
        if not self.env.user.has_group("crm_fresh_loyalty.group_customer_care_manager"):
            raise AccessError(
                self.env._("Only Customer Care managers can recompute the analytics.")
            )
        # The steps write analytics rows, episodes, activities and coupons for
        # every customer of the company; the manager check above is the guard.
        analytics_sudo = self.sudo()
        for company in self.env.companies:
            analytics_sudo.with_company(company)._crm_recompute(company)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Customer analytics recomputed."),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _crm_steps(self):
        """The nightly steps by name (see ``STEPS`` for their order), each
        called with ``(company, today)``; the retention step also takes a
        ``progress`` callback."""
        return {
            "rfm": self._step_rfm,
            "history": self._step_history,
            "lifecycle": self._step_lifecycle,
            "retention": self._step_retention,
            "value": self._step_value,
            "cross_sell": self._step_cross_sell,
            "kpi": self._step_kpi,
        }

    @api.model
    def _crm_recompute(self, company, today=None):
        today = today or fields.Date.context_today(self)
        steps = self._crm_steps()
        for name in STEPS:
            steps[name](company, today)

    @api.model
    def _cron_recompute(self):
        """Nightly: every step of every company, committing after each step.

        The steps done today are kept on the company, so a run stopped by the
        cron's time limit resumes where it stopped.
        """
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].search([])
        todo = [
            (company, index)
            for company in companies
            for index in range(len(STEPS))
            if company.crm_analytics_done_date != today
            or index >= company.crm_analytics_done_steps
        ]
        cron = self.env["ir.cron"]
        for position, (company, index) in enumerate(todo):
            step = self.with_company(company)._crm_steps()[STEPS[index]]
            if STEPS[index] == "retention":
                # commit each batch; while it runs, this step is still to do
                progress = partial(
                    cron._commit_progress, remaining=len(todo) - position
                )
                if not step(company, today, progress=progress):
                    return  # out of time: the next call resumes this step
            else:
                step(company, today)
            company.write(
                {
                    "crm_analytics_done_date": today,
                    "crm_analytics_done_steps": index + 1,
                }
            )
            remaining = len(todo) - position - 1
            if not cron._commit_progress(1, remaining=remaining):
                break

    # ------------------------------------------------------------------
    # SQL building blocks
    # ------------------------------------------------------------------

    @api.model
    def _crm_window_start(self, company, today):
        return today - timedelta(
            days=round(company.crm_rfm_window_months * DAYS_PER_MONTH)
        )

    def _crm_flush_sources(self):
        """Flush what the nightly steps read: the purchase facts' sources,
        the customers, their messages, their retention episodes and this
        table."""
        self.flush_model()
        self.env["crm.purchase.fact"].flush_sources()
        self.env["res.partner"].flush_model()
        self.env["mail.message"].flush_model(
            ["model", "res_id", "date", "message_type", "mail_activity_type_id"]
        )
        self.env["crm.retention.episode"].flush_model()

    def _crm_execute(self, query):
        self._crm_flush_sources()
        self.env.cr.execute(query)
        self.env.invalidate_all()
        return self.env.cr.rowcount

    def _crm_analyze(self):
        """Refresh the statistics of the table after a step rewrote it.

        The next steps join this table to aggregates of the facts, whose
        sizes the planner cannot estimate, and filter it on columns that the
        step has just set (the lifecycle stage): fresh statistics keep them
        from nested loops over tens of thousands of rows, such as opening the
        retention episodes of every warned customer one by one.
        """
        self.env.cr.execute(SQL("ANALYZE %s", SQL.identifier(self._table)))

    # ------------------------------------------------------------------
    # 1. RFM
    # ------------------------------------------------------------------

    @api.model
    def _crm_score_sql(self, source, column, lower_is_better=False, lowest=1):
        """``(value, score)``: the quintile score 1-5 of each distinct value of
        ``column`` in the rows of ``source``, by its mid-rank, in integers:
        ``1 + floor(5 * (below + equal / 2) / n)``.

        With ``lowest`` (2 for the F score of the repeat buyers), the scores
        from ``lowest`` to 5 in as many equal parts, a mid-rank exactly on a
        boundary taking the lower score: ``lowest - 1 + ceil(parts * (below
        + equal / 2) / n)``. A tie of everyone then scores 3 of 2-5, the
        lower of the two middle scores, as it scores 3 of 1-5.

        Counted per distinct value rather than ranked row by row: ``2 * below
        + equal`` is ``2 * cumulative - equal``, where ``cumulative`` counts
        the rows up to the value included. Only the distinct values are
        sorted (a few hundred recencies, a handful of order counts), not
        every customer once per score.
        """
        return SQL(
            """
            SELECT %(column)s AS value,
                   %(lowest)s
                   + (%(parts)s
                      * (2 * SUM(COUNT(*)) OVER (ORDER BY %(column)s %(direction)s)
                         - COUNT(*))
                      - %(boundary)s)::bigint
                       / (2 * SUM(COUNT(*)) OVER ())::bigint AS score
              FROM %(source)s
          GROUP BY %(column)s
            """,
            source=SQL.identifier(source),
            column=SQL.identifier(column),
            direction=SQL("DESC") if lower_is_better else SQL("ASC"),
            lowest=lowest,
            parts=6 - lowest,
            # ceil(a / b) - 1 = floor((a - 1) / b) for positive integers
            boundary=1 if lowest > 1 else 0,
        )

    @api.model
    def _crm_segment_sql(self):
        return SQL(
            """
            CASE
                WHEN s.partner_id IS NULL AND c.has_purchase THEN 'lost'
                WHEN s.partner_id IS NULL THEN NULL
                WHEN s.r = 5 AND s.f >= 4 THEN 'champions'
                WHEN s.r >= 3 AND s.f >= 4 THEN 'loyal'
                WHEN s.r >= 4 AND s.f >= 2 THEN 'potential_loyalist'
                WHEN s.r = 5 THEN 'new'
                WHEN s.r = 4 THEN 'promising'
                WHEN s.r = 3 AND s.f = 3 THEN 'need_attention'
                WHEN s.r = 3 THEN 'about_to_sleep'
                WHEN s.f = 5 THEN 'cant_lose'
                WHEN s.f >= 3 THEN 'at_risk'
                WHEN s.r = 1 AND s.f = 1 THEN 'lost'
                ELSE 'hibernating'
            END
            """
        )

    @api.model
    def _step_rfm(self, company, today):
        """Score every customer of the company in one INSERT ... SELECT.

        The rows are written in the order of the unique index: new rows then
        fill its pages one after the other, and the foreign key checks of a
        first run read the partners in order.
        """
        query = SQL(
            """
            WITH orders AS (%(orders)s),
            per AS (
                SELECT partner_id,
                       %(today)s::date - (MAX(date) FILTER (
                           WHERE NOT is_refund AND date >= %(start)s))::date
                           AS recency,
                       COUNT(*) FILTER (WHERE NOT is_refund AND date >= %(start)s)
                           AS frequency,
                       COALESCE(SUM(amount) FILTER (WHERE date >= %(start)s), 0)
                           AS monetary,
                       bool_or(NOT is_refund) AS has_purchase
                  FROM orders
              GROUP BY partner_id
            ),
            buyers AS (
                SELECT partner_id, recency, frequency, monetary
                  FROM per
                 WHERE frequency > 0
            ),
            repeat_buyers AS (
                SELECT frequency FROM buyers WHERE frequency > 1
            ),
            scored AS (
                SELECT b.partner_id, b.recency, b.frequency, b.monetary,
                       r.score AS r, COALESCE(f.score, 1) AS f, m.score AS m
                  FROM buyers b
                  JOIN (%(r)s) r ON r.value = b.recency
             LEFT JOIN (%(f)s) f ON f.value = b.frequency
                  JOIN (%(m)s) m ON m.value = b.monetary
            ),
            customers AS (
                SELECT COALESCE(per.partner_id, p.id) AS partner_id,
                       COALESCE(per.has_purchase, FALSE) AS has_purchase
                  FROM per
             FULL JOIN (
                        SELECT p.id
                          FROM res_partner p
                         WHERE p.customer_rank > 0
                           AND p.active
                           AND p.id = p.commercial_partner_id
                           AND (p.company_id IS NULL OR p.company_id = %(company)s)
                       ) p ON p.id = per.partner_id
            )
            INSERT INTO crm_customer_analytics (
                partner_id, company_id, recency_days, frequency, monetary,
                r_score, f_score, m_score, segment, rfm_date)
            SELECT c.partner_id, %(company)s, s.recency, s.frequency, s.monetary,
                   s.r, s.f, s.m, %(segment)s, %(today)s
              FROM customers c
         LEFT JOIN scored s ON s.partner_id = c.partner_id
          ORDER BY c.partner_id
            ON CONFLICT (partner_id, company_id) DO UPDATE
               SET recency_days = EXCLUDED.recency_days,
                   frequency = EXCLUDED.frequency,
                   monetary = EXCLUDED.monetary,
                   r_score = EXCLUDED.r_score,
                   f_score = EXCLUDED.f_score,
                   m_score = EXCLUDED.m_score,
                   segment = EXCLUDED.segment,
                   rfm_date = EXCLUDED.rfm_date
            """,
            orders=self.env["crm.purchase.fact"].orders_sql(company, today),
            start=self._crm_window_start(company, today),
            today=today,
            company=company.id,
            segment=self._crm_segment_sql(),
            r=self._crm_score_sql("buyers", "recency", lower_is_better=True),
            f=self._crm_score_sql("repeat_buyers", "frequency", lowest=2),
            m=self._crm_score_sql("buyers", "monetary"),
        )
        count = self._crm_execute(query)
        self._crm_analyze()
        return count

    @api.model
    def _step_history(self, company, today):
        """Keep this month's segments in the history (after RFM)."""
        self.env["crm.rfm.history"]._crm_snapshot(company, today)

    # ------------------------------------------------------------------
    # 2. Lifecycle
    # ------------------------------------------------------------------

    @api.model
    def _crm_interactions_sql(self, today, period_days):
        """Interactions per commercial partner in the last period and the one
        before: messages and emails posted on the customer or its contacts,
        and activities marked done there (their feedback message)."""
        return SQL(
            """
            SELECT p.commercial_partner_id AS partner_id,
                   COUNT(*) FILTER (WHERE m.date >= %(recent)s) AS recent,
                   COUNT(*) FILTER (WHERE m.date < %(recent)s) AS previous
              FROM mail_message m
              JOIN res_partner p ON p.id = m.res_id
             WHERE m.model = 'res.partner'
               AND m.date >= %(previous)s
               AND m.date < %(end)s
               AND (m.message_type IN ('comment', 'email', 'email_outgoing')
                    OR m.mail_activity_type_id IS NOT NULL)
          GROUP BY p.commercial_partner_id
            """,
            recent=today - timedelta(days=period_days - 1),
            previous=today - timedelta(days=2 * period_days - 1),
            end=today + timedelta(days=1),
        )

    @api.model
    def _step_lifecycle(self, company, today):
        """Set the lifecycle stage of every customer in one UPDATE.

        Stages, the first that applies:

        - *prospect*: no purchase yet;
        - *churned*: no purchase for ``crm_churned_days``;
        - *churn warning*: the customer has not bought for the churn horizon
          (``crm_churn_horizon_days``) and the value model gives a
          probability of no purchase within the horizon of at least
          ``crm_churn_probability`` (reason *no purchase*; see
          ``_step_value``, which runs before). Without a value model (a base
          too small to fit), the customer's own rhythm decides instead: the
          days since the last purchase exceed ``crm_churn_factor`` times the
          median interval between purchase days
          (``crm_churn_default_interval_days`` below three purchase days;
          several orders on one day are one purchase, so a burst of orders
          never makes the interval zero) (reason *interval*). Or the
          interactions fell: the last ``crm_analytics_period_days`` days
          count fewer than half the interactions of the period before, which
          had at least two;
        - *won back*: came back after a churn warning within the period;
        - *new*: first purchase within the period;
        - *loyal*: F score 4 or 5 (the upper half of the repeat buyers by
          orders in the RFM window);
        - *active*: the others.

        Open retention episodes are closed first, so that a customer who came
        back is *won back* the same night.
        """
        self.env["crm.retention.episode"]._crm_close_episodes(company, today)
        period = company.crm_analytics_period_days
        query = SQL(
            """
            WITH orders AS (%(orders)s),
            gaps AS (
                SELECT partner_id, date::date AS day, COUNT(*) AS orders,
                       date::date - LAG(date::date)
                           OVER (PARTITION BY partner_id ORDER BY date::date)
                           AS gap
                  FROM orders
                 WHERE NOT is_refund
              GROUP BY partner_id, date::date
            ),
            per AS (
                SELECT partner_id, SUM(orders) AS order_count,
                       COUNT(*) AS purchase_days,
                       MIN(day) AS first_day, MAX(day) AS last_day,
                       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY gap)
                           FILTER (WHERE gap IS NOT NULL) AS median_gap
                  FROM gaps
              GROUP BY partner_id
            ),
            inter AS (%(interactions)s),
            won_back AS (
                SELECT DISTINCT partner_id
                  FROM crm_retention_episode
                 WHERE company_id = %(company)s
                   AND state = 'won_back'
                   AND came_back_on >= %(period_start)s
            ),
            staged AS (
                SELECT a.id,
                       per.order_count, per.first_day, per.last_day,
                       per.median_gap,
                       a.probability_no_purchase IS NOT NULL AS by_model,
                       CASE
                           WHEN a.probability_no_purchase IS NOT NULL
                               THEN %(today)s::date - per.last_day >= %(horizon)s
                                    AND a.probability_no_purchase >= %(probability)s
                           ELSE %(today)s::date - per.last_day
                                > %(factor)s * CASE WHEN per.purchase_days >= 3
                                                    THEN per.median_gap
                                                    ELSE %(default_interval)s END
                       END AS late,
                       COALESCE(i.previous >= 2 AND 2 * i.recent < i.previous, FALSE)
                           AS quieter,
                       a.f_score,
                       wb.partner_id IS NOT NULL AS won_back
                  FROM crm_customer_analytics a
             LEFT JOIN per ON per.partner_id = a.partner_id
             LEFT JOIN inter i ON i.partner_id = a.partner_id
             LEFT JOIN won_back wb ON wb.partner_id = a.partner_id
                 WHERE a.company_id = %(company)s
            )
            UPDATE crm_customer_analytics a
               SET order_count = COALESCE(s.order_count, 0),
                   first_purchase_date = s.first_day,
                   last_purchase_date = s.last_day,
                   median_interval_days = s.median_gap,
                   lifecycle_stage = CASE
                       WHEN s.last_day IS NULL THEN 'prospect'
                       WHEN %(today)s::date - s.last_day > %(churned)s THEN 'churned'
                       WHEN s.late OR s.quieter THEN 'churn_warning'
                       WHEN s.won_back THEN 'won_back'
                       WHEN s.first_day >= %(period_start)s THEN 'new'
                       WHEN s.f_score >= 4 THEN 'loyal'
                       ELSE 'active'
                   END,
                   churn_reason = CASE
                       WHEN s.last_day IS NULL
                            OR %(today)s::date - s.last_day > %(churned)s THEN NULL
                       WHEN s.late AND s.by_model THEN 'no_purchase'
                       WHEN s.late THEN 'interval'
                       WHEN s.quieter THEN 'interactions'
                   END
              FROM staged s
             WHERE s.id = a.id
            """,
            orders=self.env["crm.purchase.fact"].orders_sql(company, today),
            interactions=self._crm_interactions_sql(today, period),
            company=company.id,
            today=today,
            period_start=today - timedelta(days=period - 1),
            factor=company.crm_churn_factor,
            horizon=company.crm_churn_horizon_days,
            probability=company.crm_churn_probability,
            default_interval=company.crm_churn_default_interval_days,
            churned=company.crm_churned_days,
        )
        count = self._crm_execute(query)
        self._crm_analyze()
        return count

    # ------------------------------------------------------------------
    # 2b. Retention
    # ------------------------------------------------------------------

    @api.model
    def _step_retention(self, company, today, progress=None):
        """Open retention episodes (they were closed by the lifecycle step),
        then plan their activities and issue their coupons (batched, see
        ``progress`` there). Returns whether everything was done."""
        episodes = self.env["crm.retention.episode"]
        episodes._crm_open_episodes(company, today)
        return episodes._crm_schedule_activities(
            company, today, progress=progress
        ) and episodes._crm_issue_coupons(company, today, progress=progress)

    # ------------------------------------------------------------------
    # 3. Value
    # ------------------------------------------------------------------

    @api.model
    def _crm_value_at_risk_partner_ids(self, company, today):
        """Hook: commercial partners at risk for another reason than falling
        purchases (e.g. a high complaint rate, added by after-sales)."""
        return []

    @api.model
    def _crm_purchase_summary_sql(self, company, today):
        """``(partner_id, x, t_x, age, value)`` of every customer who bought,
        for the value model (see ``tools/clv.py``): ``x`` the purchase days
        after the first one (several orders on one day are one purchase),
        ``t_x`` the days from the first to the last purchase day, ``age`` the
        days from the first purchase day to ``today``, ``value`` the average
        amount of the purchase days after the first, or of the first when
        there is no other. Refunds are left out: they lower the spend, not
        the purchases."""
        return SQL(
            """
            WITH orders AS (%(orders)s),
            days AS (
                SELECT partner_id, date::date AS day, SUM(amount) AS amount,
                       ROW_NUMBER() OVER (PARTITION BY partner_id
                                          ORDER BY date::date) AS position
                  FROM orders
                 WHERE NOT is_refund
              GROUP BY partner_id, date::date
            )
            SELECT partner_id,
                   COUNT(*) - 1 AS x,
                   MAX(day) - MIN(day) AS t_x,
                   %(today)s::date - MIN(day) AS age,
                   COALESCE(AVG(amount) FILTER (WHERE position > 1),
                            MIN(amount) FILTER (WHERE position = 1))::float8
                       AS value
              FROM days
          GROUP BY partner_id
          ORDER BY partner_id
            """,
            orders=self.env["crm.purchase.fact"].orders_sql(company, today),
            today=today,
        )

    @api.model
    def _crm_predict(self, company, today):
        """The value model's predictions for every customer who bought, as
        columns (numpy arrays) by name, after fitting the model of the day
        (see ``crm.clv.model._crm_fit``). The predictions are empty (no
        ``model`` key) when the company has no good model yet."""
        self._crm_flush_sources()
        self.env.cr.execute(self._crm_purchase_summary_sql(company, today))
        summary = np.array(self.env.cr.fetchall(), dtype=float).reshape(-1, 5)
        partner_ids, x, t_x, age, value = summary.T
        columns = {
            "partner_id": partner_ids.astype(int),
            "repeat_purchase_days": x.astype(int),
            "repeat_order_value": value,
        }
        # order values fitted on the repeat purchases, predicted from the
        # first one for customers who bought on one day only
        model = self.env["crm.clv.model"]._crm_fit(
            company, today, x, t_x, age, x, value
        )
        if not model:
            return columns
        purchases = model._crm_as_bgnbd()
        expected = clv.expected_purchases(purchases, x, t_x, age, DAYS_PER_YEAR)
        order_value = clv.expected_order_value(
            model._crm_as_gamma_gamma(), np.maximum(x, 1), value
        )
        return {
            **columns,
            "model": model,
            "expected_purchases": expected,
            "expected_order_value": order_value,
            "predicted_value": expected * order_value,
            "probability_alive": 100 * clv.probability_alive(purchases, x, t_x, age),
            "probability_no_purchase": 100
            * clv.probability_no_purchase(
                purchases, x, t_x, age, company.crm_churn_horizon_days
            ),
        }

    @api.model
    def _step_value(self, company, today):
        """Spend, value class and the value model's predictions, in one
        UPDATE of every row of the company.

        The model (BG/NBD and Gamma-Gamma, ``tools/clv.py``) is fitted on the
        company's customers first, then predicts per customer the purchases
        and value of the next 12 months, the probability of being active and
        the probability of no purchase within the churn horizon. Without a
        model (a base too small to fit, and no earlier fit), these stay empty.

        The value class compares the spend of the last 12 months with the 12
        months before (growing, at risk) and, annualised, with the high value
        amount: a customer who first bought less than a year ago counts over
        the days since (at least the analysis period), so one who spent 3,000
        in their first three months is worth 12,000 a year, not 3,000.
        """
        predictions = self._crm_predict(company, today)
        model = predictions.pop("model", self.env["crm.clv.model"])
        names = list(predictions)
        year_ago = today - timedelta(days=DAYS_PER_YEAR)
        query = SQL(
            """
            WITH orders AS (%(orders)s),
            per AS (
                SELECT partner_id,
                       SUM(amount) AS total,
                       COALESCE(SUM(amount) FILTER (WHERE date >= %(year_ago)s), 0)
                           AS last12,
                       COALESCE(SUM(amount) FILTER (
                           WHERE date >= %(two_years_ago)s AND date < %(year_ago)s
                       ), 0) AS prev12,
                       %(today)s::date
                           - (MIN(date) FILTER (WHERE NOT is_refund))::date AS age
                  FROM orders
              GROUP BY partner_id
            ),
            spend AS (
                SELECT partner_id, total, last12, prev12,
                       last12 * %(year)s / LEAST(GREATEST(age, %(period)s), %(year)s)
                           AS last12_annual
                  FROM per
            ),
            predicted AS (
                SELECT * FROM unnest(%(arrays)s) AS u(%(names)s)
            )
            UPDATE crm_customer_analytics a
               SET lifetime_value = s.total,
                   annual_spend = s.last12,
                   previous_annual_spend = s.prev12,
                   annualised_spend = s.last12_annual,
                   value_class = CASE
                       WHEN s.partner_id IS NULL THEN NULL
                       WHEN s.prev12 > 0
                            AND s.last12 <= s.prev12 * (1 - %(decline)s / 100.0)
                           THEN 'at_risk'
                       WHEN s.last12_annual > %(high)s THEN 'high_value'
                       WHEN s.prev12 > 0
                            AND s.last12 >= s.prev12 * (1 + %(growth)s / 100.0)
                           THEN 'growing'
                       ELSE 'basic'
                   END,
                   clv_model_id = CASE WHEN p.partner_id IS NOT NULL
                                       THEN %(model)s::int END,
                   %(assignments)s
              FROM crm_customer_analytics r
         LEFT JOIN spend s ON s.partner_id = r.partner_id
         LEFT JOIN predicted p ON p.partner_id = r.partner_id
             WHERE a.id = r.id AND r.company_id = %(company)s
            """,
            orders=self.env["crm.purchase.fact"].orders_sql(company, today),
            today=today,
            year_ago=year_ago,
            two_years_ago=year_ago - timedelta(days=DAYS_PER_YEAR),
            year=DAYS_PER_YEAR,
            period=company.crm_analytics_period_days,
            arrays=SQL(", ").join(
                SQL(
                    "%s::int[]" if name in INTEGER_COLUMNS else "%s::float8[]",
                    predictions[name].tolist(),
                )
                for name in names
            ),
            names=SQL(", ").join(SQL.identifier(name) for name in names),
            assignments=SQL(", ").join(
                SQL("%s = p.%s", SQL.identifier(name), SQL.identifier(name))
                if name in predictions
                else SQL("%s = NULL", SQL.identifier(name))
                for name in PREDICTED_COLUMNS
            ),
            model=model.id or None,
            decline=company.crm_value_decline_percent,
            high=company.crm_value_high_amount,
            growth=company.crm_value_growth_percent,
            company=company.id,
        )
        count = self._crm_execute(query)
        at_risk = self._crm_value_at_risk_partner_ids(company, today)
        if at_risk:
            self._crm_execute(
                SQL(
                    """
                    UPDATE crm_customer_analytics
                       SET value_class = 'at_risk'
                     WHERE company_id = %s AND partner_id = ANY(%s)
                    """,
                    company.id,
                    list(at_risk),
                )
            )
        return count

    # ------------------------------------------------------------------
    # 4. Cross-sell
    # ------------------------------------------------------------------

    @api.model
    def _step_cross_sell(self, company, today):
        self.env["crm.product.association"]._crm_build_rules(company, today)
        self.env["crm.product.recommendation"]._crm_build_recommendations(
            company, today
        )

    # ------------------------------------------------------------------
    # 5. KPIs
    # ------------------------------------------------------------------

    @api.model
    def _step_kpi(self, company, today):
        """Nightly step: the KPI snapshot of the day."""
        self.env["crm.kpi.snapshot"]._crm_snapshot(company, today)
