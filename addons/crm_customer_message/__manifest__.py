# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Care: Customer Messages",
    "summary": "One way to message customers on their preferred channel (email, "
    "SMS, WeChat, app push), with opt-outs, daily caps, retries and a log",
    "version": "19.0.1.1.0",
    "category": "Sales/Customer Care",
    "website": "https://github.com/fresh-crm/crm-suite",
    "author": "Fresh CRM Suite contributors, Odoo Community Association (OCA)",
    "maintainers": ["fresh-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": [
        "mail",
        "sms",
        "phone_validation",
    ],
    "data": [
        "security/crm_customer_message_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/crm_customer_message_views.xml",
        "views/crm_message_provider_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "pre_init_hook": "pre_init_hook",
    "installable": True,
}
