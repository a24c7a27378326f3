# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Take over the messaging records of a database where ``crm_fresh_loyalty``
held them.

Customer messaging was part of ``crm_fresh_loyalty`` until this addon. When
such a database upgrades ``crm_fresh_loyalty``, Odoo installs this new
dependency first, and runs this hook before loading its models and data: the
external ids of the moved models, fields, selection values, constraints,
access rows, rules, views, actions and cron are renamed from
``crm_fresh_loyalty`` to this addon, so that the records (and the message log,
the partners' opt-outs) are kept and updated, not deleted as obsolete data of
``crm_fresh_loyalty`` and created again. A fresh install finds nothing to
rename.
"""

from odoo.tools import SQL

OLD_MODULE = "crm_fresh_loyalty"
NEW_MODULE = "crm_customer_message"

MOVED_MODELS = ["crm.customer.message", "crm.message.provider"]
PARTNER_FIELDS = [
    "crm_preferred_channel",
    "crm_wechat_openid",
    "crm_opt_out_wechat",
    "crm_opt_out_app_push",
    "crm_message_ids",
    "crm_message_count",
]
MOVED_FIELDS = {
    "res.partner": PARTNER_FIELDS,
    # res.users _inherits res.partner: its delegated fields have ids too
    "res.users": PARTNER_FIELDS,
    "res.company": ["crm_message_daily_cap", "crm_message_max_attempts"],
    "res.config.settings": ["crm_message_daily_cap", "crm_message_max_attempts"],
}
# Data records: old name -> name in this addon.
MOVED_RECORDS = {
    "access_crm_customer_message_user": "access_crm_customer_message_user",
    "access_crm_message_provider_user": "access_crm_message_provider_user",
    "access_crm_message_provider_manager": "access_crm_message_provider_manager",
    "crm_customer_message_rule_multi_company": (
        "crm_customer_message_rule_multi_company"
    ),
    "crm_message_provider_rule_multi_company": (
        "crm_message_provider_rule_multi_company"
    ),
    "crm_customer_message_view_list": "crm_customer_message_view_list",
    "crm_customer_message_view_form": "crm_customer_message_view_form",
    "crm_customer_message_view_search": "crm_customer_message_view_search",
    "crm_customer_message_action": "crm_customer_message_action",
    "crm_message_provider_view_list": "crm_message_provider_view_list",
    "crm_message_provider_view_form": "crm_message_provider_view_form",
    "crm_message_provider_action": "crm_message_provider_action",
    "res_partner_view_form_messages": "res_partner_view_form",
    "res_config_settings_view_form_message": "res_config_settings_view_form",
    "ir_cron_retry_customer_messages": "ir_cron_retry_customer_messages",
    # the server action of the cron (ir.cron _inherits it)
    "ir_cron_retry_customer_messages_ir_actions_server": (
        "ir_cron_retry_customer_messages_ir_actions_server"
    ),
}


def _moved_names():
    """(old name, new name) of the external ids to move, and the LIKE
    patterns of those named after a moved model."""
    names = dict(MOVED_RECORDS)
    patterns = []
    for model in MOVED_MODELS:
        table = model.replace(".", "_")
        names[f"model_{table}"] = f"model_{table}"
        patterns += [
            f"field_{table}__%",
            f"selection__{table}__%",
            f"constraint_{table}_%",
        ]
    for model, fnames in MOVED_FIELDS.items():
        table = model.replace(".", "_")
        for fname in fnames:
            names[f"field_{table}__{fname}"] = f"field_{table}__{fname}"
            patterns.append(f"selection__{table}__{fname}__%")
    patterns.append("constraint_res_company_crm_message_%")
    return names, patterns


def pre_init_hook(env):
    cr = env.cr
    names, patterns = _moved_names()
    free = SQL(
        "NOT EXISTS (SELECT 1 FROM ir_model_data moved"
        " WHERE moved.module = %s AND moved.name = ir_model_data.name)",
        NEW_MODULE,
    )
    for old, new in names.items():
        cr.execute(
            SQL(
                "UPDATE ir_model_data SET module = %s, name = %s"
                " WHERE module = %s AND name = %s AND NOT EXISTS"
                " (SELECT 1 FROM ir_model_data moved"
                " WHERE moved.module = %s AND moved.name = %s)",
                NEW_MODULE,
                new,
                OLD_MODULE,
                old,
                NEW_MODULE,
                new,
            )
        )
    for pattern in patterns:
        cr.execute(
            SQL(
                "UPDATE ir_model_data SET module = %s"
                " WHERE module = %s AND name LIKE %s AND %s",
                NEW_MODULE,
                OLD_MODULE,
                pattern.replace("_", "\\_"),
                free,
            )
        )
    # The constraints themselves belong to a module too (uninstalling it
    # drops them): those of the moved models (their foreign keys have no
    # external id) and those whose external id moved.
    cr.execute(
        SQL(
            """
            UPDATE ir_model_constraint c
               SET module = (SELECT id FROM ir_module_module WHERE name = %s)
              FROM ir_module_module m
             WHERE c.module = m.id AND m.name = %s
               AND (c.model IN (SELECT id FROM ir_model WHERE model IN %s)
                    OR EXISTS (SELECT 1 FROM ir_model_data d
                                WHERE d.module = %s
                                  AND d.model = 'ir.model.constraint'
                                  AND d.res_id = c.id))
            """,
            NEW_MODULE,
            OLD_MODULE,
            tuple(MOVED_MODELS),
            NEW_MODULE,
        )
    )
