// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { Component } from "@odoo/owl";
import { deserializeDate, formatDate } from "@web/core/l10n/dates";
import { formatKpiValue } from "../format";

// The status of a KPI against its quarterly target (crm.kpi.target.line).
const STATUS_COLORS = {
    on_track: "success",
    at_risk: "warning",
    off_track: "danger",
};
const TREND_ICONS = { up: "fa-arrow-up", down: "fa-arrow-down", flat: "fa-arrow-right" };

/**
 * A KPI's latest value in the period, its previous value with an arrow
 * (green when the move is for the better, red otherwise) and its status
 * against the target. Clicking the card opens the records behind the KPI;
 * the chart button shows or hides its trend.
 */
export class KpiCard extends Component {
    static template = "crm_analytics.KpiCard";
    static props = {
        card: Object,
        charted: Boolean,
        onOpen: Function,
        onToggleChart: Function,
    };

    format(value) {
        return formatKpiValue(value);
    }

    get dateLabel() {
        return formatDate(deserializeDate(this.props.card.date));
    }

    get previousDateLabel() {
        return formatDate(deserializeDate(this.props.card.previous_date));
    }

    get statusColor() {
        return STATUS_COLORS[this.props.card.status] || "";
    }

    get trendIcon() {
        return TREND_ICONS[this.props.card.trend];
    }

    get trendColor() {
        const { trend, improving } = this.props.card;
        if (trend === "flat") {
            return "text-muted";
        }
        return improving ? "text-success" : "text-danger";
    }
}
