# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Give the existing companies the default profile completeness fields."""
    companies = env["res.company"].search([])
    companies.crm_profile_field_ids = companies._default_crm_profile_field_ids()
