# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class CrmDemoStory(models.AbstractModel):
    _inherit = "crm.demo.story"

    @api.model
    def _compute_analytics_history(self, company_id, months=12):
        """The analytics as if the nightly run had run for ``months``: the
        RFM segments of each month's last day (the monthly history and its
        migrations), the KPI snapshot of every day, then every step of
        today."""
        analytics = self.env["crm.customer.analytics"]
        company = self.env["res.company"].browse(company_id)
        today = fields.Date.context_today(self)
        start = today - relativedelta(months=months)
        for month in range(months, 0, -1):
            month_end = today.replace(day=1) - relativedelta(months=month - 1, days=1)
            analytics._step_rfm(company, month_end)
            analytics._step_history(company, month_end)
        for days in range((today - start).days, 0, -1):
            analytics._step_kpi(company, today - timedelta(days=days))
        analytics._crm_recompute(company, today)

    @api.model
    def _purchases_added(self, company_id):
        """The year of analytics computed again with the purchases that a
        bridge installed after this addon has added (its POS or online
        orders), which the demo history would otherwise miss."""
        res = super()._purchases_added(company_id)
        self._compute_analytics_history(company_id)
        return res
