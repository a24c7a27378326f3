# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL, format_date


class CrmKpiSnapshot(models.Model):
    """What lies behind a KPI of a day: the records it counts.

    A customer KPI opens the customers it counts, over the period of the
    snapshot (``crm_analytics_period_days`` ending on its day) and its
    channel, as the nightly SQL counts them:

    - ``active_customers``, ``average_order_value``,
      ``purchase_frequency``: the customers with an order in the period;
    - ``new_customers``: those whose first order (in the channel) falls in
      the period;
    - ``repurchase_rate``: those with two orders or more in the period;
    - ``cohort_retention_rate``: those whose first order falls in the
      previous period and who ordered again in the period (the retained);
    - ``churn_rate``: those with an order in the previous period and none
      in the period (the churned).

    A rate opens the customers of its numerator, those the rate counts.
    KPIs without a set of records (loyalty points, coupons) return nothing:
    the dashboard then opens their snapshots. Bridge addons add the records
    of their KPIs by extending :meth:`_crm_kpi_records_action`.
    """

    _inherit = "crm.kpi.snapshot"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _crm_kpi_period(self, company, day):
        """``(previous, start, end)``: the datetimes bounding the previous
        period and the period of a snapshot of ``day``, as in
        :meth:`_crm_snapshot`."""
        end = datetime.combine(day + timedelta(days=1), time.min)
        length = timedelta(days=company.crm_analytics_period_days)
        return end - 2 * length, end - length, end

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
        _previous, start, _end = self._crm_kpi_period(company, day)
        where = SQL("NOT f.is_refund")
        if channel != "all":
            where = SQL("%s AND f.channel = %s", where, channel)
        orders = self.env["crm.customer.analytics"]._crm_facts_sql(
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
        domain = self._crm_kpi_partner_domain(kpi, company, channel, day)
        if domain is None:
            return None
        return self._crm_kpi_window_action(
            kpi, company, channel, day, "res.partner", domain
        )

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
