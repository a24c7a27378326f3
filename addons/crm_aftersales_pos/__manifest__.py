# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Care: After-sales for the Point of Sale",
    "summary": "Returns and exchanges of goods bought in the shop (POS orders)",
    "version": "19.0.1.0.0",
    "category": "Sales/Customer Care",
    "website": "https://github.com/fresh-crm/crm-suite",
    "author": "Fresh CRM Suite contributors, Odoo Community Association (OCA)",
    "maintainers": ["fresh-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["crm_aftersales", "point_of_sale"],
    "data": [
        "security/ir.model.access.csv",
        "wizard/crm_aftersales_request_views.xml",
        "views/rma_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/pos_order_views.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "crm_aftersales_pos/static/src/app/**/*",
        ],
        "web.assets_tests": [
            "crm_aftersales_pos/static/tests/tours/**/*",
        ],
    },
    "auto_install": True,
    "installable": True,
}
