// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { Component, markRaw, onWillStart, useState } from "@odoo/owl";
import { cookie } from "@web/core/browser/cookie";
import { getColor, hexToRGBA } from "@web/core/colors/colors";
import { CheckboxItem } from "@web/core/dropdown/checkbox_item";
import { Dropdown } from "@web/core/dropdown/dropdown";
import { DropdownItem } from "@web/core/dropdown/dropdown_item";
import { deserializeDate, formatDate } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { KeepLast } from "@web/core/utils/concurrency";
import { useService } from "@web/core/utils/hooks";
import { useSetupAction } from "@web/search/action_hook";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { CrmChart } from "./chart/crm_chart";
import { DistributionCard } from "./distribution_card/distribution_card";
import { KpiCard } from "./kpi_card/kpi_card";

const MODEL = "crm.analytics.dashboard";
// Trends charted when the dashboard opens: the first KPIs of the catalogue.
const DEFAULT_CHARTED = 4;

/**
 * The Customer Analytics dashboard: the KPI cards of the latest snapshots
 * with their status against the targets, the trends of chosen KPIs, and the
 * customers per RFM segment, lifecycle stage and value class, for a company,
 * a channel and a period. Every figure opens what it counts. All data comes
 * from one call of ``crm.analytics.dashboard.get_dashboard_data``; the KPIs
 * are the server's, so bridge addons add theirs without changes here.
 */
export class CustomerAnalyticsDashboard extends Component {
    static template = "crm_analytics.CustomerAnalyticsDashboard";
    static components = {
        CheckboxItem,
        CrmChart,
        DistributionCard,
        Dropdown,
        DropdownItem,
        KpiCard,
        Layout,
    };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.keepLast = new KeepLast();
        this.colorScheme = cookie.get("color_scheme");
        // Back from a drill-down, the dashboard shows what it showed.
        const saved = this.props.state || {};
        this.state = useState({
            companyId: saved.companyId || false,
            channel: saved.channel || "all",
            periodDays: saved.periodDays || 90,
            chartedKpis: saved.chartedKpis || null,
            data: null,
        });
        useSetupAction({
            getLocalState: () => ({
                companyId: this.state.companyId,
                channel: this.state.channel,
                periodDays: this.state.periodDays,
                chartedKpis: this.state.chartedKpis,
            }),
        });
        onWillStart(() => this.load());
    }

    // ------------------------------------------------------------------
    // Data
    // ------------------------------------------------------------------

    async load() {
        const data = await this.keepLast.add(
            this.orm.call(MODEL, "get_dashboard_data", [], {
                company_id: this.state.companyId,
                channel: this.state.channel,
                period_days: this.state.periodDays,
            })
        );
        for (const card of data.kpis) {
            card.chart = this.trendChartData(card);
        }
        for (const distribution of Object.values(data.distributions)) {
            distribution.chart = this.distributionChartData(distribution);
        }
        this.state.companyId = data.company_id;
        this.state.chartedKpis ||= data.kpis.slice(0, DEFAULT_CHARTED).map((card) => card.kpi);
        // Read-only once loaded: the charts redraw when a new load replaces it.
        this.state.data = markRaw(data);
    }

    trendChartData(card) {
        const color = getColor(1, this.colorScheme, "odoo");
        return {
            labels: card.series.map(([day]) => formatDate(deserializeDate(day))),
            datasets: [
                {
                    label: card.label,
                    data: card.series.map(([, value]) => value),
                    borderColor: color,
                    backgroundColor: hexToRGBA(color, 0.2),
                    fill: "start",
                    pointRadius: card.series.length > 31 ? 0 : 3,
                    tension: 0,
                },
            ],
        };
    }

    distributionChartData(distribution) {
        const size = distribution.items.length;
        const colors = distribution.items.map((item, index) =>
            getColor(index, this.colorScheme, size)
        );
        return {
            labels: distribution.items.map((item) => item.label),
            datasets: [
                {
                    data: distribution.items.map((item) => item.count),
                    backgroundColor: colors,
                    borderWidth: 0,
                },
            ],
        };
    }

    // ------------------------------------------------------------------
    // Filters
    // ------------------------------------------------------------------

    get data() {
        return this.state.data;
    }

    get currentCompany() {
        return this.data.companies.find((company) => company.id === this.state.companyId);
    }

    get currentChannel() {
        return this.data.channels.find((channel) => channel.id === this.state.channel);
    }

    get chartedCards() {
        return this.data.kpis.filter((card) => this.state.chartedKpis.includes(card.kpi));
    }

    get churnReasons() {
        return { field: "churn_reason", items: this.data.distributions.churn_reason.items };
    }

    async setFilter(filter) {
        Object.assign(this.state, filter);
        await this.load();
    }

    toggleChart(kpi) {
        const charted = this.state.chartedKpis;
        this.state.chartedKpis = charted.includes(kpi)
            ? charted.filter((code) => code !== kpi)
            : [...charted, kpi];
    }

    // ------------------------------------------------------------------
    // Drill-down
    // ------------------------------------------------------------------

    async openKpi(card, date = card.date) {
        const action = await this.orm.call(
            MODEL,
            "action_open_kpi",
            [card.kpi, this.state.companyId, this.state.channel, date],
            { period_days: this.state.periodDays }
        );
        await this.actionService.doAction(action);
    }

    openKpiPoint(card, index) {
        return this.openKpi(card, card.series[index][0]);
    }

    async openCustomers(field, value) {
        const action = await this.orm.call(MODEL, "action_open_customers", [
            this.state.companyId,
            field,
            value,
        ]);
        await this.actionService.doAction(action);
    }
}

registry
    .category("actions")
    .add("crm_analytics.customer_analytics_dashboard", CustomerAnalyticsDashboard);
