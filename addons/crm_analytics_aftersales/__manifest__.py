# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Care: Analytics of After-sales",
    "summary": "Complaint, return and satisfaction KPIs in the daily KPI snapshot",
    "version": "19.0.1.1.0",
    "category": "Sales/Customer Care",
    "website": "https://github.com/fresh-crm/crm-suite",
    "author": "Fresh CRM Suite contributors, Odoo Community Association (OCA)",
    "maintainers": ["fresh-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["crm_analytics", "crm_aftersales"],
    "demo": [
        "demo/crm_analytics_aftersales_demo.xml",
    ],
    "auto_install": True,
    "installable": True,
}
