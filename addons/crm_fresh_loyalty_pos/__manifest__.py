# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Care: Point of Sale bridge",
    "summary": "POS orders count as purchases: spend, tiers and points of shop "
    "customers",
    "version": "19.0.1.0.0",
    "category": "Sales/Customer Care",
    "website": "https://github.com/fresh-crm/crm-suite",
    "author": "Fresh CRM Suite contributors, Odoo Community Association (OCA)",
    "maintainers": ["fresh-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["crm_fresh_loyalty", "pos_loyalty"],
    "data": [
        "views/res_partner_views.xml",
    ],
    "demo": [
        "demo/pos_config_demo.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "crm_fresh_loyalty_pos/static/src/app/**/*",
        ],
        "web.assets_tests": [
            "crm_fresh_loyalty_pos/static/tests/tours/**/*",
        ],
    },
    "auto_install": True,
    "installable": True,
}
