# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL

# Everything below was crm_fresh_loyalty's before 19.0.1.2.0 of that addon.
MOVED_MODELS = [
    "crm.encrypted.mixin",
    "crm.personal.data.access.log",
    "crm.sensitive.attribute",
    "crm.sensitive.value",
    "crm.partner.data.export",
]
MOVED_FIELDS = {
    "res.partner": ["crm_national_id", "crm_sensitive_value_ids"],
    "res.company": [
        "crm_personal_data_own_customers",
        "crm_personal_data_alert_threshold",
    ],
    "res.config.settings": [
        "crm_personal_data_own_customers",
        "crm_personal_data_alert_threshold",
    ],
}
MOVED_RECORDS = [
    "group_personal_data",
    "group_data_protection_officer",
    "crm_personal_data_access_log_rule_multi_company",
    "crm_sensitive_value_rule_multi_company",
    "access_crm_personal_data_access_log_dpo",
    "access_crm_partner_data_export_manager",
    "access_crm_sensitive_attribute_user",
    "access_crm_sensitive_attribute_manager",
    "access_crm_sensitive_attribute_dpo",
    "access_crm_sensitive_value_user",
    "access_crm_sensitive_value_personal_data",
    "auditlog_log_action_res_partner",
    "auditlog_rule_res_partner",
    "auditlog_rule_crm_sensitive_value",
    "crm_partner_data_export_view_form",
    "crm_personal_data_access_log_view_list",
    "crm_personal_data_access_log_view_search",
    "crm_personal_data_access_log_action",
    "crm_sensitive_attribute_view_list",
    "crm_sensitive_attribute_view_search",
    "crm_sensitive_attribute_action",
    "crm_sensitive_value_view_list",
    "crm_sensitive_value_view_search",
    "crm_sensitive_attribute_passport_demo",
    "crm_sensitive_attribute_bank_account_demo",
]
# views merged into one inherited view per parent, under a new name
RENAMED_RECORDS = {
    "res_partner_view_form_privacy": "res_partner_view_form",
    "res_partner_view_search_sensitive": "res_partner_view_search",
    "res_config_settings_view_form_privacy": "res_config_settings_view_form",
}


def _model_xmlid(model):
    return f"model_{model.replace('.', '_')}"


def pre_init_hook(env):
    """Take over from crm_fresh_loyalty what it held of personal data.

    On a database where crm_fresh_loyalty predates this addon, upgrading it
    installs this addon first: its models, fields, groups, rules, views and
    data records keep their database ids and change module, so nothing is
    created twice or deleted. Only the rows that exist move; on a fresh
    install there are none. The national IDs move to sensitive values in
    crm_fresh_loyalty's 19.0.1.2.0 migration, once this addon's data exists.
    """
    cr = env.cr
    old, new = "crm_fresh_loyalty", "crm_customer_privacy"
    names = [_model_xmlid(model) for model in MOVED_MODELS] + MOVED_RECORDS
    for model, fnames in MOVED_FIELDS.items():
        names += [f"field_{model.replace('.', '_')}__{fname}" for fname in fnames]
    cr.execute(
        SQL(
            "UPDATE ir_model_data SET module = %s WHERE module = %s AND name IN %s",
            new,
            old,
            tuple(names),
        )
    )
    # the fields, selection values, constraints and inherited parents of
    # the moved models, and the constraint of the moved company field
    patterns = ["constraint\\_res\\_company\\_crm\\_personal\\_data\\_%"]
    for model in MOVED_MODELS:
        prefix = model.replace(".", "_").replace("_", "\\_")
        patterns += [
            f"field\\_{prefix}\\_\\_%",
            f"selection\\_\\_{prefix}\\_\\_%",
            f"constraint\\_{prefix}\\_%",
            f"model\\_inherit\\_\\_{prefix}\\_\\_%",
        ]
    cr.execute(
        SQL(
            "UPDATE ir_model_data SET module = %s WHERE module = %s "
            "AND name LIKE ANY(%s)",
            new,
            old,
            patterns,
        )
    )
    for old_name, new_name in RENAMED_RECORDS.items():
        cr.execute(
            SQL(
                "UPDATE ir_model_data SET module = %s, name = %s "
                "WHERE module = %s AND name = %s",
                new,
                new_name,
                old,
                old_name,
            )
        )
    # SQL constraints and indexes of the moved models and fields
    cr.execute(
        SQL(
            """
            UPDATE ir_model_constraint c SET module = new_module.id
              FROM ir_module_module old_module, ir_module_module new_module,
                   ir_model m
             WHERE old_module.name = %s AND new_module.name = %s
               AND c.module = old_module.id AND c.model = m.id
               AND (m.model IN %s OR c.name LIKE %s)
            """,
            old,
            new,
            tuple(MOVED_MODELS),
            "%crm\\_personal\\_data\\_%",
        )
    )


def post_init_hook(env):
    """The companies existing at installation see personal data as a new
    company does: through the Personal Data group only. Customers are
    audited on the site's rule if it has one, else on the suite's."""
    env["res.company"]._crm_set_default_clear_groups()
    env["auditlog.rule"]._crm_set_up_rules()


def uninstall_hook(env):
    """Leave the site's audit rules as they were before the suite."""
    env["auditlog.rule"]._crm_restore_site_rules()
