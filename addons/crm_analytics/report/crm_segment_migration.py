# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from ..models.crm_customer_analytics import RFM_SEGMENTS


class CrmSegmentMigration(models.Model):
    """Segment of each customer in a month next to its segment the month
    before: a pivot of ``from_segment`` by ``to_segment`` is the migration
    matrix. Customers scored for the first time have no ``from_segment``."""

    _name = "crm.segment.migration"
    _description = "RFM Segment Migration"
    _auto = False
    _order = "month desc"
    _rec_name = "partner_id"

    month = fields.Date(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    from_segment = fields.Selection(RFM_SEGMENTS, readonly=True)
    to_segment = fields.Selection(RFM_SEGMENTS, readonly=True)
    changed = fields.Boolean(readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT cur.id, cur.month, cur.partner_id, cur.company_id,
                   prev.segment AS from_segment, cur.segment AS to_segment,
                   prev.segment IS DISTINCT FROM cur.segment AS changed
              FROM crm_rfm_history cur
         LEFT JOIN crm_rfm_history prev
                ON prev.partner_id = cur.partner_id
               AND prev.company_id = cur.company_id
               AND prev.month = (cur.month - INTERVAL '1 month')::date
            """
        )
