# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The keyword classifier became a learned one.

    Complaints classified before are *classified* if they got a category,
    *to triage* otherwise (their confidence was the keywords' share, so it is
    no use to the new threshold); every company gets its first trained
    version now rather than on its first new complaint.
    """
    if not version:
        return
    cr.execute(
        """
        UPDATE helpdesk_ticket
           SET crm_classification = CASE
                   WHEN category_id IS NOT NULL THEN 'classified'
                   ELSE 'triage'
               END
         WHERE crm_is_complaint AND crm_classification IS NULL
        """
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    Classifier = env["crm.complaint.classifier"]
    for company in env["res.company"].search([]):
        Classifier._train(company)
