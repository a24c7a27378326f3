// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { Component, onWillStart, onWillUnmount, useEffect, useRef } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { cookie } from "@web/core/browser/cookie";
import { getCustomColor } from "@web/core/colors/colors";

const colorScheme = cookie.get("color_scheme");
const GRID_COLOR = getCustomColor(colorScheme, "rgba(0,0,0,.1)", "rgba(255,255,255,.15)");
const LABEL_COLOR = getCustomColor(colorScheme, "#111827", "#E4E4E4");

/**
 * A Chart.js chart of the dashboard, loaded as the graph view loads it (the
 * lazy bundle ``web.chartjs_lib``). Drawn again when ``data`` changes (the
 * dashboard builds it once per load), destroyed with the component. Clicking
 * a bar, slice or point calls ``onClickIndex`` with its index in the labels.
 */
export class CrmChart extends Component {
    static template = "crm_analytics.CrmChart";
    static props = {
        type: { type: String, validate: (t) => ["bar", "doughnut", "line"].includes(t) },
        data: { type: Object, shape: { labels: Array, datasets: Array } },
        horizontal: { type: Boolean, optional: true },
        onClickIndex: { type: Function, optional: true },
    };

    setup() {
        this.canvasRef = useRef("canvas");
        this.chart = null;
        onWillStart(() => loadBundle("web.chartjs_lib"));
        useEffect(
            () => this.renderChart(),
            () => [this.props.type, this.props.data, this.props.horizontal]
        );
        onWillUnmount(() => this.chart?.destroy());
    }

    renderChart() {
        this.chart?.destroy();
        this.chart = new Chart(this.canvasRef.el, this.getConfig());
    }

    getConfig() {
        const { type, data, horizontal, onClickIndex } = this.props;
        const config = {
            type,
            data,
            options: {
                maintainAspectRatio: false,
                animation: false,
                plugins: {
                    legend: { display: type === "doughnut", position: "right" },
                },
                onClick: (event, elements) => {
                    if (onClickIndex && elements.length) {
                        onClickIndex(elements[0].index);
                    }
                },
                onHover: (event, elements) => {
                    event.native.target.style.cursor =
                        onClickIndex && elements.length ? "pointer" : "default";
                },
            },
        };
        if (type !== "doughnut") {
            const axis = { grid: { color: GRID_COLOR }, ticks: { color: LABEL_COLOR } };
            config.options.indexAxis = horizontal ? "y" : "x";
            config.options.scales = {
                x: { ...axis, beginAtZero: horizontal },
                y: { ...axis, beginAtZero: !horizontal && type === "bar" },
            };
            config.options.interaction = { mode: "index", intersect: false };
        }
        return config;
    }
}
