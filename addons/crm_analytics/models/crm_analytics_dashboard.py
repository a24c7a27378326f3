# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import float_compare

from .crm_kpi_snapshot import HIGHER

PERIOD_DAYS = (30, 90, 365)
# The fields of the customer analytics whose distribution the dashboard shows
# and whose values it opens: segments, stages (with the churn warning and its
# reasons) and value classes.
DISTRIBUTIONS = ("segment", "lifecycle_stage", "churn_reason", "value_class")
# The values the dashboard flags: the churn warning (流失预警).
WARNINGS = {("lifecycle_stage", "churn_warning")}
# The distributions that count every customer, those without a value too:
# a prospect (no purchase yet) has a lifecycle stage but no segment nor value
# class, so that segments and value classes add up to the lifecycle stages.
UNSET_LABELS = {
    "segment": lambda env: env._("No Purchase Yet"),
    "value_class": lambda env: env._("No Purchase Yet"),
}


class CrmAnalyticsDashboard(models.AbstractModel):
    """The data of the *Customer Analytics* dashboard (the client action
    ``crm_analytics.customer_analytics_dashboard``) and its drill-downs.

    Everything comes from one call of :meth:`get_dashboard_data`, for one of
    the companies the user works in, one channel (or all) and a period of the
    last 30, 90 or 365 days, in a few grouped reads that keep the access
    rights and record rules of the user:

    - the KPI snapshots of the period and of the period before it (one
      grouped read): each KPI's latest value in the period, its trend over
      the period, and its previous value, the latest one of the period
      before, for the arrow;
    - the quarterly target of each KPI for the quarter of its latest value
      and the status against it (one search of the target lines), on the
      all-channels view only: targets are set for all channels;
    - the number of customers per RFM segment, lifecycle stage, churn
      reason and value class (one grouped read over the four fields), as
      the *Segments*, *Lifecycle* and *Customer Value* menus count them:
      archived customers left out, prospects under *No Purchase Yet*.

    A figure's drill-down lists what the figure counts: the records of its
    period as they stood when the snapshot was computed.

    The KPIs are those of the snapshot's catalogue
    (``crm.kpi.snapshot._crm_kpi_definitions``) that have a value in the
    period, so bridge addons add their cards without the dashboard naming
    them.
    """

    _name = "crm.analytics.dashboard"
    _description = "Customer Analytics Dashboard"

    # ------------------------------------------------------------------
    # Data
    # ------------------------------------------------------------------

    @api.readonly
    @api.model
    def get_dashboard_data(self, company_id=None, channel="all", period_days=90):
        company = self._crm_dashboard_company(company_id)
        self._crm_check_filters(channel, period_days)
        today = fields.Date.context_today(self)
        return {
            "company_id": company.id,
            "channel": channel,
            "period_days": period_days,
            "currency_id": company.currency_id.id,
            "companies": [
                {"id": allowed.id, "name": allowed.name}
                for allowed in self.env.companies
            ],
            "channels": [
                {"id": key, "name": label} for key, label in self._crm_channels()
            ],
            "periods": [
                {"id": days, "name": self.env._("Last %(days)s days", days=days)}
                for days in PERIOD_DAYS
            ],
            "kpis": self._crm_kpi_cards(company, channel, period_days, today),
            "distributions": self._crm_distributions(company),
        }

    @api.model
    def _crm_dashboard_company(self, company_id):
        """The company asked for, which must be one the user works in now
        (checked in the company switcher)."""
        if company_id and (
            not isinstance(company_id, int) or isinstance(company_id, bool)
        ):
            raise UserError(
                self.env._(
                    "Company: give the id of one of your companies, not %(company)s.",
                    company=company_id,
                )
            )
        company = (
            self.env["res.company"].browse(company_id)
            if company_id
            else self.env.company
        )
        if company not in self.env.companies:
            raise AccessError(
                self.env._(
                    "The dashboard shows one of the companies you work in: select "
                    "the company in the company switcher first."
                )
            )
        return company

    @api.model
    def _crm_check_filters(self, channel, period_days):
        channels = dict(self._crm_channels())
        if not isinstance(channel, str) or channel not in channels:
            raise UserError(
                self.env._(
                    "Unknown channel %(channel)s: choose one of %(channels)s.",
                    channel=channel,
                    channels=", ".join(channels),
                )
            )
        if period_days not in PERIOD_DAYS:
            raise UserError(
                self.env._(
                    "The period must be one of %(periods)s days, not %(days)s.",
                    periods=", ".join(map(str, PERIOD_DAYS)),
                    days=period_days,
                )
            )

    @api.model
    def _crm_channels(self):
        """``(key, label)`` of the channels, all channels first."""
        field = self.env["crm.kpi.snapshot"]._fields["channel"]
        channels = field._description_selection(self.env)
        return sorted(channels, key=lambda channel: channel[0] != "all")

    @api.model
    def _crm_kpi_cards(self, company, channel, period_days, today):
        """One card per KPI with a value in the period, in catalogue order."""
        snapshots = self.env["crm.kpi.snapshot"]
        period = timedelta(days=period_days)
        start = today - period
        series, previous = {}, {}
        groups = snapshots._read_group(
            Domain(
                [
                    ("company_id", "=", company.id),
                    ("channel", "=", channel),
                    ("date", "<=", today),
                    ("date", ">", start - period),
                ]
            ),
            ["kpi", "date:day"],
            ["value:sum"],
            order="date:day",
        )
        for kpi, day, value in groups:
            if day > start:
                series.setdefault(kpi, []).append((day, value))
            else:
                previous[kpi] = (day, value)  # by date: the latest one stays
        targets = self._crm_target_lines(company, channel, series)
        statuses = dict(
            self.env["crm.kpi.target.line"]
            ._fields["status"]
            ._description_selection(self.env)
        )
        cards = []
        for kpi, (label, better, _split) in snapshots._crm_kpi_definitions().items():
            if kpi not in series:
                continue
            day, value = series[kpi][-1]
            previous_day, previous_value = previous.get(kpi, (None, None))
            line = targets.get((kpi, day.year, self._crm_quarter(day)))
            status = line._crm_status(value) if line else False
            cards.append(
                {
                    "kpi": kpi,
                    "label": label,
                    "better": better,
                    "date": fields.Date.to_string(day),
                    "value": value,
                    "previous_date": previous_day
                    and fields.Date.to_string(previous_day),
                    "previous_value": previous_value,
                    **self._crm_trend(value, previous_value, better),
                    "target": line.target if line else None,
                    "status": status,
                    "status_label": statuses.get(status, ""),
                    "series": [
                        [fields.Date.to_string(point_day), point_value]
                        for point_day, point_value in series[kpi]
                    ],
                }
            )
        return cards

    @api.model
    def _crm_quarter(self, day):
        return str((day.month - 1) // 3 + 1)

    @api.model
    def _crm_target_lines(self, company, channel, series):
        """``{(kpi, year, quarter): target line}`` for the quarters of the
        latest values; none for a single channel, as targets are set for all
        channels."""
        if channel != "all" or not series:
            return {}
        latest = [points[-1][0] for points in series.values()]
        lines = self.env["crm.kpi.target.line"].search(
            [
                ("company_id", "=", company.id),
                ("target_id.kpi", "in", list(series)),
                ("target_id.year", "in", list({day.year for day in latest})),
                ("quarter", "in", list({self._crm_quarter(day) for day in latest})),
            ]
        )
        return {(line.kpi, line.target_id.year, line.quarter): line for line in lines}

    @api.model
    def _crm_trend(self, value, previous_value, better):
        """``trend`` (up, down, flat; False without a previous value) and
        ``improving`` (whether the move is for the better)."""
        if previous_value is None:
            return {"trend": False, "improving": False}
        move = float_compare(value, previous_value, precision_digits=2)
        if not move:
            return {"trend": "flat", "improving": False}
        return {
            "trend": "up" if move > 0 else "down",
            "improving": (move > 0) == (better == HIGHER),
        }

    @api.model
    def _crm_distributions(self, company):
        """``{field: {total, items}}``: the customers of the company per value
        of each field of :data:`DISTRIBUTIONS`, every value listed in the
        field's order (zeros included), customers without a value left out;
        the churn warning is flagged, its reasons are the ``churn_reason``
        distribution."""
        analytics = self.env["crm.customer.analytics"]
        counts = {field: Counter() for field in DISTRIBUTIONS}
        for *values, count in analytics._read_group(
            self._crm_customers_domain(company), list(DISTRIBUTIONS), ["__count"]
        ):
            for field, value in zip(DISTRIBUTIONS, values, strict=True):
                counts[field][value] += count
        distributions = {}
        for field in DISTRIBUTIONS:
            selection = analytics._fields[field]._description_selection(self.env)
            if field in UNSET_LABELS:
                selection = [*selection, (False, UNSET_LABELS[field](self.env))]
            else:
                del counts[field][False]
            total = counts[field].total()
            distributions[field] = {
                "total": total,
                "items": [
                    {
                        "key": key,
                        "label": label,
                        "count": counts[field][key],
                        "share": 100.0 * counts[field][key] / total if total else 0.0,
                        "warning": (field, key) in WARNINGS,
                    }
                    for key, label in selection
                ],
            }
        return distributions

    @api.model
    def _crm_customers_domain(self, company):
        """The customers the distributions count, as a domain on the customer
        analytics: those of the company that are not archived, as the
        *Segments* and *Lifecycle* menus list them (see their actions)."""
        return Domain(
            [("company_id", "=", company.id), ("partner_id.active", "=", True)]
        )

    # ------------------------------------------------------------------
    # Drill-down
    # ------------------------------------------------------------------

    @api.readonly
    @api.model
    def action_open_customers(self, company_id, field, value):
        """The customers of the company whose analytics have ``value`` in
        ``field`` (a segment, stage, churn reason or value class)."""
        company = self._crm_dashboard_company(company_id)
        analytics = self.env["crm.customer.analytics"]
        analytics.check_access("read")
        labels = (
            dict(analytics._fields[field]._description_selection(self.env))
            if field in DISTRIBUTIONS
            else {}
        )
        if field in UNSET_LABELS:
            labels[False] = UNSET_LABELS[field](self.env)
        if (value is not False and not isinstance(value, str)) or value not in labels:
            raise UserError(
                self.env._(
                    "The dashboard opens customers by segment, lifecycle stage, "
                    "churn reason or value class, not by %(field)s = %(value)s.",
                    field=field,
                    value=value,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("%(value)s: Customers", value=labels[value]),
            "res_model": "res.partner",
            "views": [(False, "list"), (False, "form")],
            "domain": [
                (
                    "crm_analytics_ids",
                    "any",
                    [("company_id", "=", company.id), (field, "=", value)],
                )
            ],
        }

    @api.model
    def _crm_drill_down_day(self, date):
        """The day of a drill-down, given as ``YYYY-MM-DD``."""
        try:
            day = fields.Date.to_date(date) if isinstance(date, str) else None
        except ValueError:
            day = None
        if not day:
            raise UserError(
                self.env._(
                    "Date: give the day to open as YYYY-MM-DD, not %(date)s.",
                    date=date,
                )
            )
        return day

    @api.readonly
    @api.model
    def action_open_kpi(self, kpi, company_id, channel, date, period_days=90):
        """The records behind the KPI of ``date`` (see
        ``crm.kpi.snapshot._crm_kpi_records_action``), or else its snapshots
        of the period in the pivot: by week and channel."""
        company = self._crm_dashboard_company(company_id)
        self._crm_check_filters(channel, period_days)
        snapshots = self.env["crm.kpi.snapshot"]
        snapshots.check_access("read")
        labels = dict(snapshots._selection_kpi())
        if not isinstance(kpi, str) or kpi not in labels:
            raise UserError(
                self.env._(
                    "Unknown KPI %(kpi)s: choose one of %(kpis)s.",
                    kpi=kpi,
                    kpis=", ".join(labels),
                )
            )
        day = self._crm_drill_down_day(date)
        snapshot = snapshots.search(
            [
                ("company_id", "=", company.id),
                ("channel", "=", channel),
                ("kpi", "=", kpi),
                ("date", "=", day),
            ],
            limit=1,
        )
        action = snapshots.with_context(
            crm_kpi_computed_at=snapshot.computed_at
        )._crm_kpi_records_action(kpi, company, channel, day)
        if action:
            return action
        return {
            "type": "ir.actions.act_window",
            "name": labels[kpi],
            "res_model": "crm.kpi.snapshot",
            "views": [(False, "pivot"), (False, "graph"), (False, "list")],
            "domain": [
                ("company_id", "=", company.id),
                ("kpi", "=", kpi),
                ("date", ">", fields.Date.to_string(day - timedelta(days=period_days))),
                ("date", "<=", fields.Date.to_string(day)),
            ],
            "context": {
                "pivot_row_groupby": ["date:week"],
                "pivot_column_groupby": ["channel"],
            },
        }
