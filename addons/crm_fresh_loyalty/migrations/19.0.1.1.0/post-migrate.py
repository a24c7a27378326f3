# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The tier engine moved from loyalty.card to loyalty.program.

    The daily tier cron is ``noupdate`` data: databases installed before
    keep calling ``loyalty.card._cron_evaluate_tiers``, which is gone. Point
    it at the program model (its code, ``model._cron_evaluate_tiers()``,
    stays the same).
    """
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("crm_fresh_loyalty.ir_cron_evaluate_tiers", raise_if_not_found=False)
    if cron:
        cron.write(
            {
                "model_id": env["ir.model"]._get_id("loyalty.program"),
                "code": "model._cron_evaluate_tiers()",
            }
        )
