# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Care: Campaigns",
    "summary": "Mass mailing campaigns to customer segments on each customer's "
    "preferred channel, with coupons, a control group and the promotion effect",
    "version": "19.0.1.0.0",
    "category": "Sales/Customer Care",
    "website": "https://github.com/fresh-crm/crm-suite",
    "author": "Fresh CRM Suite contributors, Odoo Community Association (OCA)",
    "maintainers": ["fresh-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": [
        "crm_analytics",
        "crm_customer_message",
        "mass_mailing",
        "mass_mailing_sms",
    ],
    "data": [
        "security/crm_campaign_security.xml",
        "security/ir.model.access.csv",
        "data/mailing_filter_data.xml",
        "data/mail_template_data.xml",
        "data/sms_template_data.xml",
        "report/crm_campaign_effect_views.xml",
        "views/mailing_mailing_views.xml",
        "views/loyalty_program_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_campaign/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
