# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, models
from odoo.tools import SQL

# A customer is at risk when, over the RFM window, they complained at least
# MIN_COMPLAINTS times and at least once every 1 / COMPLAINT_RATE orders.
COMPLAINT_RATE_AT_RISK = 0.25
MIN_COMPLAINTS_AT_RISK = 2


class CrmCustomerAnalytics(models.Model):
    _inherit = "crm.customer.analytics"

    @api.model
    def _crm_value_at_risk_partner_ids(self, company, today):
        """Customers with a high complaint rate are at risk, whatever they buy.

        The complaint rate is the complaints the customer made to the company
        (received in the RFM window, up to ``today``) per order of the window
        (refunds left out; no order counts as one). At least
        ``MIN_COMPLAINTS_AT_RISK`` complaints and a rate of
        ``COMPLAINT_RATE_AT_RISK`` or more put the customer at risk: one
        complaint on a first order does not.
        """
        at_risk = super()._crm_value_at_risk_partner_ids(company, today)
        start = self._crm_window_start(company, today)
        facts = self.env["crm.purchase.fact"]
        facts.flush_sources()
        self.env["helpdesk.ticket"].flush_model(
            ["partner_id", "company_id", "crm_is_complaint", "crm_received_date"]
        )
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        rows = self.env.execute_query(
            SQL(
                """
                WITH orders AS (%(orders)s),
                order_counts AS (
                    SELECT partner_id, COUNT(*) AS n
                      FROM orders
                     WHERE NOT is_refund
                  GROUP BY partner_id
                ), complaints AS (
                    SELECT p.commercial_partner_id AS partner_id, COUNT(*) AS n
                      FROM helpdesk_ticket t
                      JOIN res_partner p ON p.id = t.partner_id
                     WHERE t.crm_is_complaint
                       AND t.company_id = %(company)s
                       AND t.crm_received_date >= %(start)s
                       AND t.crm_received_date < %(end)s
                  GROUP BY p.commercial_partner_id
                )
                SELECT c.partner_id
                  FROM complaints c
             LEFT JOIN order_counts o ON o.partner_id = c.partner_id
                 WHERE c.n >= %(min_complaints)s
                   AND c.n >= %(rate)s * GREATEST(COALESCE(o.n, 0), 1)
              ORDER BY c.partner_id
                """,
                orders=facts.orders_sql(company, today, date_from=start),
                company=company.id,
                start=start,
                end=today + timedelta(days=1),
                min_complaints=MIN_COMPLAINTS_AT_RISK,
                rate=COMPLAINT_RATE_AT_RISK,
            )
        )
        return [*at_risk, *(partner_id for (partner_id,) in rows)]
