# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Masking now applies to every user outside the groups a company lets see
personal data: the existing companies get the default, the Personal Data
group only (a new many2many gets no default on existing rows)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    group = env.ref("crm_customer_privacy.group_personal_data")
    env["res.company"].with_context(active_test=False).search(
        [("crm_personal_data_clear_group_ids", "=", False)]
    ).crm_personal_data_clear_group_ids = group
