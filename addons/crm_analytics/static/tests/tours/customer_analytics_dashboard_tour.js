// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

const SEGMENTS = '.o_crm_distribution[data-field="segment"]';

registry.category("web_tour.tours").add("crm_analytics_dashboard", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "crm_fresh_loyalty.menu_customer_care_root",
            "Open Customer Care"
        ),
        {
            content: "Open the Analytics menu",
            trigger: '.o_main_navbar [data-menu-xmlid="crm_analytics.menu_analytics"]',
            run: "click",
        },
        {
            content: "Open the dashboard, the first item of the menu",
            trigger: '.dropdown-item[data-menu-xmlid="crm_analytics.crm_analytics_dashboard_menu"]',
            run: "click",
        },
        {
            content: "The active customers card: 12, up from 8, on track",
            trigger:
                '.o_crm_kpi_card[data-kpi="active_customers"]' +
                ":has(.o_crm_kpi_value:text(12))" +
                ":has(.o_crm_kpi_trend.text-success [data-trend=up])" +
                ':has(.o_crm_kpi_status[data-status="on_track"])',
        },
        {
            content: "Its trend is charted",
            trigger: '.o_crm_trend[data-kpi="active_customers"] canvas',
        },
        {
            content: "The segment chart is drawn",
            trigger: `${SEGMENTS} canvas`,
        },
        {
            content: "The segment table counts two champions",
            trigger: `${SEGMENTS} .o_crm_distribution_row[data-key="champions"] .o_crm_distribution_count:text(2)`,
        },
        {
            content: "Look at the last 30 days",
            trigger: '.o_crm_filter_period button[data-days="30"]',
            run: "click",
        },
        {
            content: "The previous value is now the one of 30 days ago",
            trigger:
                '.o_crm_kpi_card[data-kpi="active_customers"] .o_crm_kpi_trend:contains(Previous period: 10)',
        },
        {
            content: "Open the champions",
            trigger: `${SEGMENTS} .o_crm_distribution_row[data-key="champions"]`,
            run: "click",
        },
        {
            content: "The customer list is named after the segment",
            trigger: ".o_breadcrumb .active:contains(Champions)",
        },
        {
            content: "It lists the two champions",
            trigger: ".o_list_view .o_data_row:contains(Champion Wang)",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(Champion Zhou)",
        },
        {
            content: "and no one else",
            trigger: ".o_list_view:not(:has(.o_data_row:nth-child(3)))",
        },
        {
            content: "Back to the dashboard",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Customer Analytics)",
            run: "click",
        },
        {
            content: "It still shows the last 30 days",
            trigger: '.o_crm_filter_period button[data-days="30"].active',
        },
        {
            trigger:
                '.o_crm_kpi_card[data-kpi="active_customers"] .o_crm_kpi_trend:contains(Previous period: 10)',
        },
    ],
});
