# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.crm_analytics.models.crm_kpi_snapshot import HIGHER, LEVEL


class CrmKpiSnapshot(models.Model):
    """Campaign KPI (``_crm_snapshot_campaigns``, all channels only):

    - ``campaign_uplift`` (percentage points): over the campaigns of the
      company that started in the period, the conversion of their recipients
      (customers who bought in the campaign's effect window / recipients)
      minus the conversion of their control groups, from the rows of
      ``crm.campaign.effect`` as they stand when the snapshot is computed.
      Undefined without recipients or without a control group.

    Its drill-down opens those rows: their pivot by group gives the two
    conversions whose difference is the figure.
    """

    _inherit = "crm.kpi.snapshot"

    @api.model
    def _crm_kpi_definitions(self):
        return {
            **super()._crm_kpi_definitions(),
            "campaign_uplift": (
                self.env._("Campaign Uplift (points)"),
                HIGHER,
                LEVEL,
            ),
        }

    @api.model
    def _crm_kpi_families(self):
        return [*super()._crm_kpi_families(), self._crm_snapshot_campaigns]

    @api.model
    def _crm_flush_kpi_sources(self):
        res = super()._crm_flush_kpi_sources()
        for model_name in ("mailing.mailing", "crm.customer.message"):
            self.env[model_name].flush_model()
        return res

    @api.model
    def _crm_campaign_effect_domain(self, company, period):
        start, end = period
        return [
            ("company_id", "=", company.id),
            ("start_date", ">=", fields.Datetime.to_string(start)),
            ("start_date", "<", fields.Datetime.to_string(end)),
        ]

    @api.model
    def _crm_snapshot_campaigns(self, company, today, period):
        effects = self.env["crm.campaign.effect"].with_context(
            crm_kpi_computed_at=fields.Datetime.now()
        )
        query = effects._search(self._crm_campaign_effect_domain(company, period))
        figures = SQL(
            """
            SELECT 'all' AS channel,
                   AVG(e.buyer_count) FILTER (
                       WHERE e.target_group = 'recipient') AS recipient_rate,
                   AVG(e.buyer_count) FILTER (
                       WHERE e.target_group = 'control') AS control_rate
              FROM (%s) e
            """,
            query.select(
                SQL.identifier(query.table, "buyer_count"),
                SQL.identifier(query.table, "target_group"),
            ),
        )
        return figures, [
            (
                "campaign_uplift",
                SQL("100.0 * (k.recipient_rate - k.control_rate)"),
            ),
        ]

    @api.model
    def _crm_kpi_records_action(self, kpi, company, channel, day):
        if kpi != "campaign_uplift":
            return super()._crm_kpi_records_action(kpi, company, channel, day)
        _previous, start, end = self._crm_kpi_period(company, day)
        computed_at = self.env.context.get("crm_kpi_computed_at")
        action = self._crm_kpi_window_action(
            kpi,
            company,
            channel,
            day,
            "crm.campaign.effect",
            self._crm_campaign_effect_domain(company, (start, end)),
        )
        action["views"] = [(False, "pivot"), (False, "list")]
        action["context"] = {
            "crm_kpi_computed_at": computed_at
            and fields.Datetime.to_string(computed_at),
            "pivot_row_groupby": ["mailing_id"],
            "pivot_column_groupby": ["target_group"],
        }
        return action
