# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Care: Recommendations in the Online Shop",
    "summary": "The member's recommendations on the shop's cart and product "
    "pages, and their hits",
    "version": "19.0.1.0.0",
    "category": "Sales/Customer Care",
    "website": "https://github.com/fresh-crm/crm-suite",
    "author": "Fresh CRM Suite contributors, Odoo Community Association (OCA)",
    "maintainers": ["fresh-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["crm_analytics", "crm_fresh_loyalty_website"],
    "data": [
        "views/website_sale_templates.xml",
    ],
    "auto_install": True,
    "installable": True,
}
