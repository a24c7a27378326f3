# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customers' audit rule was data of this addon, which made it impossible
to install over a site's own rule on res.partner. It becomes an ordinary
record the suite remembers as its own, logging only the fields the suite
audits (it logged every field but three)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["auditlog.rule"]._crm_set_up_rules()
