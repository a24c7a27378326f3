# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Whole points: loyalty balances in multiples of their program's rounding.

Before 19.0.1.3.0, points were earned with fractions (1.5 points per unit of
currency on 1,003.57 gave 1,505.355 points). Programs now count points in
multiples of their point rounding (whole points by default) and round down
what orders earn. Each loyalty card whose balance is not such a multiple gets
one ``adjusted`` ledger line taking the fraction away (or adding the
floating-point dust that kept it just under a whole number), and the balance
with it, in one statement for all cards; the balance stays equal to its
ledger.
"""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute(
        SQL(
            """
            WITH targets AS (
                SELECT c.id, c.partner_id, c.points,
                       FLOOR(c.points / p.crm_points_rounding + 1e-6)
                           * p.crm_points_rounding AS target
                  FROM loyalty_card c
                  JOIN loyalty_program p ON p.id = c.program_id
                 WHERE p.program_type = 'loyalty'
            ), lines AS (
                INSERT INTO loyalty_history (
                    card_id, partner_id, description, crm_move_type, issued, used,
                    create_uid, write_uid, create_date, write_date
                )
                SELECT id, partner_id, %(description)s, 'adjusted',
                       GREATEST(target - points, 0), GREATEST(points - target, 0),
                       1, 1, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
                  FROM targets
                 WHERE ABS(points - target) > 1e-9
             RETURNING card_id
            )
            UPDATE loyalty_card c
               SET points = targets.target
              FROM lines
              JOIN targets ON targets.id = lines.card_id
             WHERE c.id = lines.card_id
            """,
            description="Rounded to whole points",
        )
    )
    _logger.info("%s loyalty balances rounded to their program's points", cr.rowcount)
