# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL, format_date

from odoo.addons.crm_fresh_loyalty.report.crm_purchase_fact import CHANNELS

KPI_CHANNELS = [*CHANNELS, ("all", "All Channels")]
# How a KPI compares with its target and how an annual target splits into
# quarters: a *flow* (counted over the period) is a quarter of the year, a
# *level* (a rate, an average, a count of customers at a time) keeps the
# annual value in every quarter.
HIGHER, LOWER = "higher", "lower"
FLOW, LEVEL = "flow", "level"


class CrmKpiSnapshot(models.Model):
    """One figure of one day, company and channel.

    Written by the nightly run (step ``kpi`` of ``crm.customer.analytics``),
    one SQL statement per family of KPIs. The *period* is the company's
    ``crm_analytics_period_days`` (P, 90 by default) ending on the snapshot
    day included; the *previous period* is the P days before it. Orders are
    the purchase facts of ``crm.purchase.fact`` grouped by order; refunds
    are never counted as orders. Channel rows (sales, e-commerce, point of
    sale) see only the orders of their channel, the ``all`` row every order.

    Customer KPIs (``_crm_snapshot_customers``):

    - ``active_customers``: customers with an order in the period.
    - ``new_customers``: customers whose first order (in the channel) falls
      in the period.
    - ``repurchase_rate`` (%): customers with two orders or more in the
      period / active customers.
    - ``cohort_retention_rate`` (%): customers whose first order falls in the
      previous period and who ordered again in the period / customers whose
      first order falls in the previous period.
    - ``churn_rate`` (%): customers with an order in the previous period and
      none in the period / customers with an order in the previous period.
    - ``average_order_value``: untaxed amount of the orders of the period /
      orders of the period (refunds left out).
    - ``purchase_frequency``: orders of the period / active customers.

    Loyalty KPIs (``_crm_snapshot_loyalty``, all channels only), from the
    loyalty history (``loyalty.history``) of the company's cards:

    - ``points_issued`` / ``points_redeemed``: points issued / used on cards
      of loyalty programs in the period; points that expired or moved to
      another card in a merge are neither.
    - ``coupon_redemption_rate`` (%): coupons (cards of coupon programs)
      created in the period that were used since / coupons created in the
      period.

    Cross-sell KPI (``_crm_snapshot_recommendations``), from the offers of
    recommended products (``crm.recommendation.log``):

    - ``recommendation_hit_rate`` (%): recommended products added to an
      order in the period (a quotation, the shop's cart, the till) that were
      bought with it / those added.

    A rate whose denominator is zero has no row that day: it is undefined,
    not zero. Bridge addons add KPIs by extending
    :meth:`_crm_kpi_definitions` and :meth:`_crm_kpi_families`.
    """

    _name = "crm.kpi.snapshot"
    _description = "KPI Snapshot"
    _order = "date desc, company_id, kpi, channel"
    _rec_name = "kpi"
    # Written set-wise by the nightly run only, like the customer analytics.
    _log_access = False

    date = fields.Date(required=True, readonly=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    channel = fields.Selection(KPI_CHANNELS, required=True, readonly=True)
    kpi = fields.Selection(
        selection="_selection_kpi", string="KPI", required=True, readonly=True
    )
    value = fields.Float(readonly=True, aggregator="avg", digits=(16, 2))
    computed_at = fields.Datetime(
        readonly=True,
        help="When the figure was computed: its drill-down lists the records "
        "of the period as they stood then, so that it counts what the figure "
        "counts.",
    )

    _date_company_channel_kpi_unique = models.UniqueIndex(
        "(date, company_id, channel, kpi)",
        "A KPI has one value per day, company and channel.",
    )

    # ------------------------------------------------------------------
    # KPI catalogue (extended by bridge addons)
    # ------------------------------------------------------------------

    @api.model
    def _crm_kpi_definitions(self):
        """``{code: (label, better, split)}``: ``better`` is ``higher`` or
        ``lower``; ``split`` is ``flow`` (an annual target is four quarters
        of a quarter each) or ``level`` (every quarter keeps the annual
        value)."""
        return {
            "active_customers": (self.env._("Active Customers"), HIGHER, LEVEL),
            "new_customers": (self.env._("New Customers"), HIGHER, FLOW),
            "repurchase_rate": (self.env._("Repurchase Rate (%)"), HIGHER, LEVEL),
            "cohort_retention_rate": (
                self.env._("Cohort Retention Rate (%)"),
                HIGHER,
                LEVEL,
            ),
            "churn_rate": (self.env._("Churn Rate (%)"), LOWER, LEVEL),
            "average_order_value": (
                self.env._("Average Order Value"),
                HIGHER,
                LEVEL,
            ),
            "purchase_frequency": (
                self.env._("Purchase Frequency (orders per customer)"),
                HIGHER,
                LEVEL,
            ),
            "points_issued": (self.env._("Points Issued"), HIGHER, FLOW),
            "points_redeemed": (self.env._("Points Redeemed"), HIGHER, FLOW),
            "coupon_redemption_rate": (
                self.env._("Coupon Redemption Rate (%)"),
                HIGHER,
                LEVEL,
            ),
            "recommendation_hit_rate": (
                self.env._("Recommendation Hit Rate (%)"),
                HIGHER,
                LEVEL,
            ),
        }

    @api.model
    def _selection_kpi(self):
        return [(code, d[0]) for code, d in self._crm_kpi_definitions().items()]

    @api.model
    def _crm_kpi_families(self):
        """The families of KPIs: methods ``(company, today, period)``, with
        ``period`` the ``(start, end)`` datetimes of the period, returning
        the ``(figures, values)`` of :meth:`_crm_insert_sql`."""
        return [
            self._crm_snapshot_customers,
            self._crm_snapshot_loyalty,
            self._crm_snapshot_recommendations,
        ]

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------

    @api.model
    def _crm_kpi_period(self, company, day):
        """``(previous, start, end)``: the datetimes bounding the previous
        period and the period of a snapshot of ``day``: the company's
        ``crm_analytics_period_days`` ending on ``day`` included.

        A drill-down passes the time its snapshot was computed in the context
        (``crm_kpi_computed_at``): the period then ends at that time when
        earlier, so that the records it lists are those the figure counts,
        not those received since on the same day."""
        end = datetime.combine(day + timedelta(days=1), time.min)
        length = timedelta(days=company.crm_analytics_period_days)
        previous, start = end - 2 * length, end - length
        computed_at = self.env.context.get("crm_kpi_computed_at")
        if computed_at:
            end = min(end, fields.Datetime.to_datetime(computed_at))
        return previous, start, end

    @api.model
    def _crm_snapshot(self, company, today):
        """Replace the snapshot of ``today`` for the company."""
        self._crm_flush_kpi_sources()
        self.env.cr.execute(
            SQL(
                "DELETE FROM crm_kpi_snapshot WHERE company_id = %s AND date = %s",
                company.id,
                today,
            )
        )
        _previous, start, end = self._crm_kpi_period(company, today)
        period = (start, end)
        for family in self._crm_kpi_families():
            figures, values = family(company, today, period)
            self.env.cr.execute(self._crm_insert_sql(company, today, figures, values))
        self.env.invalidate_all()

    @api.model
    def _crm_flush_kpi_sources(self):
        """Flush what the KPI families read (a hook: an addon that adds a
        family flushes its sources too)."""
        self.flush_model()
        self.env["crm.purchase.fact"].flush_sources()
        self.env["crm.customer.analytics"].flush_model()
        self.env["loyalty.history"].flush_model()
        self.env["loyalty.card"].flush_model()
        self.env["loyalty.program"].flush_model()
        self.env["crm.recommendation.log"].flush_model()

    @api.model
    def _crm_insert_sql(self, company, today, figures, values):
        """``INSERT`` the KPIs of ``values`` (``(code, expression)`` pairs over
        the columns of the ``figures`` query, one row per channel), skipping
        undefined (NULL) values."""
        return SQL(
            """
            INSERT INTO crm_kpi_snapshot
                   (date, company_id, channel, kpi, value, computed_at)
            SELECT %(today)s, %(company)s, k.channel, v.kpi, v.value, %(now)s
              FROM (%(figures)s) k
             CROSS JOIN LATERAL (VALUES %(values)s) v (kpi, value)
             WHERE v.value IS NOT NULL
            """,
            today=today,
            company=company.id,
            now=fields.Datetime.now(),
            figures=figures,
            values=SQL(", ").join(
                SQL("(%s, (%s)::float)", code, expression)
                for code, expression in values
            ),
        )

    @api.model
    def _crm_snapshot_customers(self, company, today, period):
        start, end = period
        previous = start - (end - start)
        orders = self.env["crm.purchase.fact"].facts_sql(
            company,
            today,
            SQL("f.partner_id, f.channel, f.date, f.amount, f.is_refund"),
            per_order=True,
        )
        figures = SQL(
            """
            WITH orders AS (%(orders)s),
            per AS (
                SELECT partner_id,
                       CASE WHEN GROUPING(channel) = 1 THEN 'all'
                            ELSE channel END AS channel,
                       MIN(date) AS first_date,
                       COUNT(*) FILTER (WHERE date >= %(start)s) AS orders,
                       SUM(amount) FILTER (WHERE date >= %(start)s) AS spend,
                       COUNT(*) FILTER (WHERE date >= %(previous)s
                                          AND date < %(start)s) AS previous_orders
                  FROM orders
                 WHERE NOT is_refund
              GROUP BY GROUPING SETS ((partner_id, channel), (partner_id))
            )
            SELECT channel,
                   COUNT(*) FILTER (WHERE orders > 0) AS active,
                   COUNT(*) FILTER (WHERE first_date >= %(start)s) AS newcomers,
                   COUNT(*) FILTER (WHERE orders >= 2) AS repeating,
                   COUNT(*) FILTER (WHERE first_date >= %(previous)s
                                      AND first_date < %(start)s) AS cohort,
                   COUNT(*) FILTER (WHERE first_date >= %(previous)s
                                      AND first_date < %(start)s
                                      AND orders > 0) AS cohort_kept,
                   COUNT(*) FILTER (WHERE previous_orders > 0) AS previous_active,
                   COUNT(*) FILTER (WHERE previous_orders > 0
                                      AND orders = 0) AS churned,
                   SUM(orders) AS order_count,
                   SUM(spend) AS spend
              FROM per
          GROUP BY channel
            """,
            orders=orders,
            start=start,
            previous=previous,
        )
        return figures, [
            ("active_customers", SQL("k.active")),
            ("new_customers", SQL("k.newcomers")),
            (
                "repurchase_rate",
                SQL("100.0 * k.repeating / NULLIF(k.active, 0)"),
            ),
            (
                "cohort_retention_rate",
                SQL("100.0 * k.cohort_kept / NULLIF(k.cohort, 0)"),
            ),
            (
                "churn_rate",
                SQL("100.0 * k.churned / NULLIF(k.previous_active, 0)"),
            ),
            (
                "average_order_value",
                SQL("k.spend / NULLIF(k.order_count, 0)"),
            ),
            (
                "purchase_frequency",
                SQL("k.order_count::numeric / NULLIF(k.active, 0)"),
            ),
        ]

    @api.model
    def _crm_snapshot_loyalty(self, company, today, period):
        start, end = period
        figures = SQL(
            """
            SELECT 'all' AS channel, points.issued, points.redeemed,
                   coupons.created, coupons.used
              FROM (
                    SELECT COALESCE(SUM(h.issued) FILTER (
                               WHERE h.crm_move_type <> 'transferred'), 0) AS issued,
                           COALESCE(SUM(h.used) FILTER (
                               WHERE h.crm_move_type NOT IN ('expired', 'transferred')
                           ), 0) AS redeemed
                      FROM loyalty_history h
                      JOIN loyalty_card c ON c.id = h.card_id
                      JOIN loyalty_program p ON p.id = c.program_id
                     WHERE c.company_id = %(company)s
                       AND p.program_type = 'loyalty'
                       AND h.create_date >= %(start)s
                       AND h.create_date < %(end)s
                   ) points,
                   (
                    SELECT COUNT(*) AS created,
                           COUNT(*) FILTER (WHERE EXISTS (
                               SELECT 1 FROM loyalty_history h
                                WHERE h.card_id = c.id AND h.used > 0)) AS used
                      FROM loyalty_card c
                      JOIN loyalty_program p ON p.id = c.program_id
                     WHERE c.company_id = %(company)s
                       AND p.program_type = 'coupons'
                       AND c.create_date >= %(start)s
                       AND c.create_date < %(end)s
                   ) coupons
            """,
            company=company.id,
            start=start,
            end=end,
        )
        return figures, [
            ("points_issued", SQL("k.issued")),
            ("points_redeemed", SQL("k.redeemed")),
            ("coupon_redemption_rate", SQL("100.0 * k.used / NULLIF(k.created, 0)")),
        ]

    @api.model
    def _crm_snapshot_recommendations(self, company, today, period):
        start, end = period
        figures = SQL(
            """
            SELECT CASE WHEN GROUPING(channel) = 1 THEN 'all'
                        ELSE channel END AS channel,
                   COUNT(*) AS offered,
                   COUNT(*) FILTER (WHERE bought_on < %(end)s) AS bought
              FROM crm_recommendation_log
             WHERE company_id = %(company)s
               AND added_on >= %(start)s
               AND added_on < %(end)s
          GROUP BY ROLLUP (channel)
            """,
            company=company.id,
            start=start,
            end=end,
        )
        return figures, [
            (
                "recommendation_hit_rate",
                SQL("100.0 * k.bought / NULLIF(k.offered, 0)"),
            ),
        ]

    # ------------------------------------------------------------------
    # Drill-down
    # ------------------------------------------------------------------

    # What lies behind a KPI of a day: the records it counts.
    #
    # A customer KPI opens the customers it counts, over the period of the
    # snapshot (``crm_analytics_period_days`` ending on its day) and its
    # channel, as the nightly SQL counts them:
    #
    # - ``active_customers``, ``average_order_value``,
    #   ``purchase_frequency``: the customers with an order in the period;
    # - ``new_customers``: those whose first order (in the channel) falls in
    #   the period;
    # - ``repurchase_rate``: those with two orders or more in the period;
    # - ``cohort_retention_rate``: those whose first order falls in the
    #   previous period and who ordered again in the period (the retained);
    # - ``churn_rate``: those with an order in the previous period and none
    #   in the period (the churned).
    #
    # A rate opens the customers of its numerator, those the rate counts;
    # ``recommendation_hit_rate`` opens the recommended products bought.
    # The points KPIs open the ledger lines they add up; KPIs without a set
    # of records (the coupon redemption rate) return nothing:
    # the dashboard then opens their snapshots. Bridge addons add the records
    # of their KPIs by extending :meth:`_crm_kpi_records_action`.

    def action_open_purchases(self):
        """The purchases of the snapshot's period and channel, by customer:
        the customers behind the customer KPIs."""
        self.ensure_one()
        _previous, start, end = self._crm_kpi_period(self.company_id, self.date)
        domain = [
            ("company_id", "=", self.company_id.id),
            ("date", ">=", start),
            ("date", "<", end),
            ("is_refund", "=", False),
        ]
        if self.channel != "all":
            domain.append(("channel", "=", self.channel))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Purchases behind %(kpi)s",
                kpi=self._fields["kpi"].convert_to_export(self.kpi, self),
            ),
            "res_model": "crm.purchase.fact",
            "view_mode": "list,pivot",
            "domain": domain,
            "context": {"group_by": ["partner_id"]},
        }

    @api.model
    def _crm_kpi_partner_domain(self, kpi, company, channel, day):
        """The customers counted by a customer KPI, as a domain on
        ``res.partner``; ``None`` for the other KPIs."""
        previous, start, end = self._crm_kpi_period(company, day)
        purchases = Domain([("company_id", "=", company.id), ("is_refund", "=", False)])
        if channel != "all":
            purchases &= Domain("channel", "=", channel)

        def bought(date_from, date_to):
            window = Domain("date", "<", fields.Datetime.to_string(date_to))
            if date_from:
                window &= Domain("date", ">=", fields.Datetime.to_string(date_from))
            return Domain("crm_purchase_fact_ids", "any", purchases & window)

        if kpi in ("active_customers", "average_order_value", "purchase_frequency"):
            return bought(start, end)
        if kpi == "new_customers":
            return bought(start, end) & ~bought(None, start)
        if kpi == "cohort_retention_rate":
            return (
                bought(previous, start) & ~bought(None, previous) & bought(start, end)
            )
        if kpi == "churn_rate":
            return bought(previous, start) & ~bought(start, end)
        if kpi == "repurchase_rate":
            # Two orders or more: a count, which no domain expresses.
            return Domain(
                "id", "in", self._crm_repeat_partner_ids(company, channel, day)
            )
        return None

    @api.model
    def _crm_repeat_partner_ids(self, company, channel, day):
        """The customers with two orders or more in the period of ``day``."""
        _previous, start, end = self._crm_kpi_period(company, day)
        where = SQL("NOT f.is_refund AND f.date < %s", end)
        if channel != "all":
            where = SQL("%s AND f.channel = %s", where, channel)
        orders = self.env["crm.purchase.fact"].facts_sql(
            company,
            day,
            SQL("f.partner_id"),
            where=where,
            group_by=SQL("f.partner_id, f.order_model, f.order_id"),
            date_from=start,
        )
        rows = self.env.execute_query(
            SQL(
                """SELECT partner_id FROM (%s) o
                GROUP BY partner_id HAVING COUNT(*) >= 2""",
                orders,
            )
        )
        return [partner_id for (partner_id,) in rows]

    @api.model
    def _crm_kpi_records_action(self, kpi, company, channel, day):
        """The window action on the records behind the KPI of ``day``, or
        ``None`` when the KPI counts no records."""
        ledger = self._crm_kpi_ledger_domain(kpi, company, day)
        if ledger is not None:
            action = self._crm_kpi_window_action(
                kpi, company, channel, day, "loyalty.history", ledger
            )
            action["views"] = [
                (self.env.ref("crm_fresh_loyalty.loyalty_history_view_list").id, "list")
            ]
            return action
        if kpi == "recommendation_hit_rate":
            return self._crm_kpi_window_action(
                kpi,
                company,
                channel,
                day,
                "crm.recommendation.log",
                self._crm_kpi_recommendation_domain(company, channel, day),
            )
        domain = self._crm_kpi_partner_domain(kpi, company, channel, day)
        if domain is None:
            return None
        return self._crm_kpi_window_action(
            kpi, company, channel, day, "res.partner", domain
        )

    @api.model
    def _crm_kpi_ledger_domain(self, kpi, company, day):
        """The points ledger lines a points KPI adds up (their *Issued* or
        *Used* column), as a domain on ``loyalty.history``; ``None`` for the
        other KPIs. The rule of :meth:`_crm_snapshot_loyalty`."""
        if kpi not in ("points_issued", "points_redeemed"):
            return None
        _previous, start, end = self._crm_kpi_period(company, day)
        lines = Domain(
            [
                ("card_id.company_id", "=", company.id),
                ("card_id.program_id.program_type", "=", "loyalty"),
                ("create_date", ">=", fields.Datetime.to_string(start)),
                ("create_date", "<", fields.Datetime.to_string(end)),
            ]
        )
        if kpi == "points_issued":
            return lines & Domain(
                [("crm_move_type", "!=", "transferred"), ("issued", "!=", 0)]
            )
        return lines & Domain(
            [("crm_move_type", "not in", ("expired", "transferred")), ("used", "!=", 0)]
        )

    @api.model
    def _crm_kpi_recommendation_domain(self, company, channel, day):
        """The recommended products added in the period of ``day`` and
        bought: the hits the hit rate counts."""
        _previous, start, end = self._crm_kpi_period(company, day)
        domain = Domain(
            [
                ("company_id", "=", company.id),
                ("added_on", ">=", fields.Datetime.to_string(start)),
                ("added_on", "<", fields.Datetime.to_string(end)),
                ("bought_on", "<", fields.Datetime.to_string(end)),
            ]
        )
        if channel != "all":
            domain &= Domain("channel", "=", channel)
        return domain

    @api.model
    def _crm_kpi_window_action(self, kpi, company, channel, day, model, domain):
        """A list/form action on ``model``, named after the KPI and its day."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "%(kpi)s: %(channel)s, period to %(date)s",
                kpi=dict(self._selection_kpi())[kpi],
                channel=dict(self._fields["channel"]._description_selection(self.env))[
                    channel
                ],
                date=format_date(self.env, day),
            ),
            "res_model": model,
            "views": [(False, "list"), (False, "form")],
            "domain": list(domain),
        }
