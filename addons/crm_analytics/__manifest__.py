# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Care: Analytics",
    "summary": "RFM, lifecycle and churn warning, customer value, cross-sell and KPIs",
    "version": "19.0.1.1.0",
    "category": "Sales/Customer Care",
    "website": "https://github.com/fresh-crm/crm-suite",
    "author": "Fresh CRM Suite contributors, Odoo Community Association (OCA)",
    "maintainers": ["fresh-crm"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["crm_fresh_loyalty"],
    "external_dependencies": {"python": ["numpy", "scipy"]},
    "data": [
        "security/crm_analytics_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/mail_activity_type_data.xml",
        "report/crm_segment_migration_views.xml",
        "views/crm_customer_analytics_views.xml",
        "views/crm_clv_model_views.xml",
        "views/crm_rfm_history_views.xml",
        "views/crm_retention_episode_views.xml",
        "views/crm_product_association_views.xml",
        "views/crm_recommendation_log_views.xml",
        "views/sale_order_views.xml",
        "views/res_partner_views.xml",
        "views/crm_purchase_fact_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_kpi_snapshot_views.xml",
        "views/crm_kpi_target_views.xml",
        "views/crm_analytics_dashboard_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_analytics/static/src/dashboard/**/*",
        ],
        "web.assets_tests": [
            "crm_analytics/static/tests/tours/**/*",
        ],
        "web.assets_unit_tests": [
            "crm_analytics/static/tests/**/*.test.js",
        ],
    },
    "demo": [
        "demo/crm_analytics_demo.xml",
    ],
    "installable": True,
}
