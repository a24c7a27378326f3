# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The satisfaction dimension *attitude* is the seeds' *cooperation
experience* (合作体验): its snapshots and targets keep their history under
the new code."""

from odoo.tools import SQL


def migrate(cr, version):
    for table in ("crm_kpi_snapshot", "crm_kpi_target"):
        cr.execute(
            SQL(
                "UPDATE %s SET kpi = 'satisfaction_cooperation' "
                "WHERE kpi = 'satisfaction_attitude'",
                SQL.identifier(table),
            )
        )
