# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Care: Recommendations at the Point of Sale",
    "summary": "The customer's recommendations on the till's customer card, "
    "added in one tap, and their hits",
    "version": "19.0.1.0.0",
    "category": "Sales/Customer Care",
    "website": "https://github.com/fresh-crm/crm-suite",
    "author": "Fresh CRM Suite contributors, Odoo Community Association (OCA)",
    "maintainers": ["fresh-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["crm_analytics", "crm_fresh_loyalty_pos"],
    "assets": {
        "point_of_sale._assets_pos": [
            "crm_analytics_pos/static/src/app/**/*",
        ],
        "web.assets_tests": [
            "crm_analytics_pos/static/tests/tours/**/*",
        ],
    },
    "auto_install": True,
    "installable": True,
}
