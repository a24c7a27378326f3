# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Care: E-commerce and portal bridge",
    "summary": "My membership portal page and tier pricelists in the shop",
    "version": "19.0.1.0.0",
    "category": "Sales/Customer Care",
    "website": "https://github.com/fresh-crm/crm-suite",
    "author": "Fresh CRM Suite contributors, Odoo Community Association (OCA)",
    "maintainers": ["fresh-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["crm_fresh_loyalty", "website_sale"],
    "data": [
        "views/crm_membership_tier_views.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/loyalty_mall_demo.xml",
        "demo/crm_fresh_loyalty_website_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_fresh_loyalty_website/static/tests/tours/**/*",
        ],
    },
    "auto_install": True,
    "installable": True,
}
