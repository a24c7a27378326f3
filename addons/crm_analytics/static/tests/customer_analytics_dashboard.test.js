// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { beforeEach, describe, expect, test } from "@odoo/hoot";
import { queryAll, queryOne } from "@odoo/hoot-dom";
import { animationFrame } from "@odoo/hoot-mock";
import { defineMailModels } from "@mail/../tests/mail_test_helpers";
import { setupChartJsForTests } from "@web/../tests/views/graph/graph_test_helpers";
import {
    contains,
    getService,
    mockService,
    mountWithCleanup,
    onRpc,
} from "@web/../tests/web_test_helpers";
import { WebClient } from "@web/webclient/webclient";

describe.current.tags("desktop");
defineMailModels();
setupChartJsForTests();

const TAG = "crm_analytics.customer_analytics_dashboard";
const MODEL = "crm.analytics.dashboard";

function item(key, label, count, total, warning = false) {
    return { key, label, count, share: total ? (100 * count) / total : 0, warning };
}

/** What get_dashboard_data answers: the cards are the server's, whatever their codes. */
function dashboardData(periodDays = 90) {
    return {
        company_id: 1,
        channel: "all",
        period_days: periodDays,
        currency_id: 1,
        companies: [{ id: 1, name: "Fresh Ltd" }],
        channels: [
            { id: "all", name: "All Channels" },
            { id: "pos", name: "Point of Sale" },
        ],
        periods: [30, 90, 365].map((days) => ({ id: days, name: `Last ${days} days` })),
        kpis: [
            {
                kpi: "active_customers",
                label: "Active Customers",
                better: "higher",
                date: "2026-03-31",
                value: 12,
                previous_date: "2025-12-31",
                previous_value: 8,
                trend: "up",
                improving: true,
                target: 10,
                status: "on_track",
                status_label: "On Track",
                series: [
                    ["2026-03-01", 10],
                    ["2026-03-31", 12],
                ],
            },
            {
                kpi: "churn_rate",
                label: "Churn Rate (%)",
                better: "lower",
                date: "2026-03-31",
                value: 25,
                previous_date: "2025-12-31",
                previous_value: 20,
                trend: "up",
                improving: false,
                target: 20,
                status: "off_track",
                status_label: "Off Track",
                series: [["2026-03-31", 25]],
            },
            {
                kpi: "kpi_of_a_bridge",
                label: "A Bridge's KPI",
                better: "lower",
                date: "2026-03-30",
                value: 3.5,
                previous_date: "2025-12-30",
                previous_value: 3.5,
                trend: "flat",
                improving: false,
                target: null,
                status: false,
                status_label: "",
                series: [["2026-03-30", 3.5]],
            },
        ],
        distributions: {
            segment: {
                total: 3,
                items: [
                    item("champions", "Champions", 2, 3),
                    item("new", "New Customers", 0, 3),
                    item("lost", "Lost", 1, 3),
                ],
            },
            lifecycle_stage: {
                total: 2,
                items: [
                    item("active", "Active", 1, 2),
                    item("churn_warning", "Churn Warning", 1, 2, true),
                ],
            },
            churn_reason: {
                total: 1,
                items: [
                    item("interval", "Purchase interval", 1, 1),
                    item("interactions", "Fewer interactions", 0, 1),
                ],
            },
            value_class: { total: 1, items: [item("basic", "Basic", 1, 1)] },
        },
    };
}

beforeEach(() => {
    onRpc(MODEL, "get_dashboard_data", ({ kwargs }) => {
        expect.step(`load ${kwargs.channel} ${kwargs.period_days}`);
        return dashboardData(kwargs.period_days);
    });
    onRpc(MODEL, "action_open_kpi", ({ args, kwargs }) => {
        expect.step(`kpi ${args.join(" ")} ${kwargs.period_days}`);
        return { type: "ir.actions.act_window_close" };
    });
    onRpc(MODEL, "action_open_customers", ({ args }) => {
        expect.step(`customers ${args.join(" ")}`);
        return { type: "ir.actions.act_window_close" };
    });
    mockService("action", {
        doAction(action) {
            if (action.type === "ir.actions.act_window_close") {
                expect.step("drill down");
                return;
            }
            return super.doAction(...arguments);
        },
    });
});

async function openDashboard() {
    await mountWithCleanup(WebClient);
    await getService("action").doAction(TAG);
    await animationFrame();
    expect.verifySteps(["load all 90"]);
}

test("a card per KPI of the server, with its arrow and status", async () => {
    await openDashboard();
    expect(queryAll(".o_crm_kpi_card").map((card) => card.dataset.kpi)).toEqual([
        "active_customers",
        "churn_rate",
        "kpi_of_a_bridge",
    ]);
    expect("[data-kpi=active_customers] .o_crm_kpi_value").toHaveText("12");
    expect("[data-kpi=active_customers] .o_crm_kpi_trend").toHaveClass("text-success");
    expect("[data-kpi=active_customers] .o_crm_kpi_status").toHaveClass("text-bg-success");
    // up, but lower is better
    expect("[data-kpi=churn_rate] .o_crm_kpi_trend").toHaveClass("text-danger");
    expect("[data-kpi=churn_rate] .o_crm_kpi_status").toHaveClass("text-bg-danger");
    expect("[data-kpi=kpi_of_a_bridge] .o_crm_kpi_value").toHaveText("3.5");
    expect("[data-kpi=kpi_of_a_bridge] .o_crm_kpi_trend").toHaveClass("text-muted");
    expect("[data-kpi=kpi_of_a_bridge] .fa-arrow-right").toHaveCount(1);
    expect("[data-kpi=kpi_of_a_bridge] .o_crm_kpi_status").toHaveCount(0);
});

test("a card and a point of its trend open the records of their day", async () => {
    await openDashboard();
    await contains("[data-kpi=churn_rate].o_crm_kpi_card").click();
    expect.verifySteps(["kpi churn_rate 1 all 2026-03-31 90", "drill down"]);
    const chart = Chart.getChart(queryOne(".o_crm_trend[data-kpi=active_customers] canvas"));
    const point = chart.getDatasetMeta(0).data[0].getCenterPoint();
    await contains(chart.canvas).click({ position: point, relative: true });
    expect.verifySteps(["kpi active_customers 1 all 2026-03-01 90", "drill down"]);
});

test("the chart button of a card shows or hides its trend", async () => {
    await openDashboard();
    expect(".o_crm_trend").toHaveCount(3);
    await contains("[data-kpi=churn_rate] .o_crm_kpi_chart_toggle").click();
    expect(queryAll(".o_crm_trend").map((trend) => trend.dataset.kpi)).toEqual([
        "active_customers",
        "kpi_of_a_bridge",
    ]);
    // no drill-down from the chart button
    expect.verifySteps([]);
});

test("the filters reload the dashboard", async () => {
    await openDashboard();
    await contains(".o_crm_filter_period [data-days='30']").click();
    expect.verifySteps(["load all 30"]);
    expect(".o_crm_filter_period [data-days='30']").toHaveClass("active");
    await contains(".o_crm_filter_channel").click();
    await contains(".o-dropdown-item:contains(Point of Sale)").click();
    expect.verifySteps(["load pos 30"]);
});

test("a segment opens its customers; an empty one does not", async () => {
    await openDashboard();
    const segments = ".o_crm_distribution[data-field=segment]";
    await contains(`${segments} .o_crm_distribution_row[data-key=champions]`).click();
    expect.verifySteps(["customers 1 segment champions", "drill down"]);
    await contains(`${segments} .o_crm_distribution_row[data-key=new]`).click();
    expect.verifySteps([]);
});

test("the churn warning is flagged and its reasons open", async () => {
    await openDashboard();
    expect(".o_crm_churn_alert").toHaveText(/1 customers show a churn warning/);
    expect(".o_crm_distribution_row[data-key=churn_warning]").toHaveClass("table-danger");
    await contains(".o_crm_distribution_reason[data-key=interval]").click();
    expect.verifySteps(["customers 1 churn_reason interval", "drill down"]);
    await contains(".o_crm_churn_alert button").click();
    expect.verifySteps(["customers 1 lifecycle_stage churn_warning", "drill down"]);
});
