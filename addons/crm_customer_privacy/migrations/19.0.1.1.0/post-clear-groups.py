# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Masking now applies to every user outside the groups a company lets see
personal data: the existing companies get the default, the Personal Data
group only."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"]._crm_set_default_clear_groups()
