# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Care: Customer Privacy",
    "summary": "Personal data of customers: masking, access log, encrypted "
    "sensitive values, export and erasure",
    "version": "19.0.1.2.0",
    "category": "Sales/Customer Care",
    "website": "https://github.com/fresh-crm/crm-suite",
    "author": "Fresh CRM Suite contributors, Odoo Community Association (OCA)",
    "maintainers": ["fresh-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": [
        "mail",
        "sms",
        "contacts",
        "partner_contact_birthdate",
        "auditlog",
        "privacy_partner_to_be_forgotten",
    ],
    "data": [
        "security/crm_customer_privacy_security.xml",
        "security/ir.model.access.csv",
        "data/crm_sensitive_attribute_data.xml",
        "data/auditlog_rule_data.xml",
        "wizard/crm_partner_data_export_views.xml",
        "views/crm_personal_data_access_log_views.xml",
        "views/crm_personal_data_threshold_views.xml",
        "views/crm_sensitive_attribute_views.xml",
        "views/crm_sensitive_value_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/crm_sensitive_attribute_demo.xml",
    ],
    "pre_init_hook": "pre_init_hook",
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "installable": True,
}
