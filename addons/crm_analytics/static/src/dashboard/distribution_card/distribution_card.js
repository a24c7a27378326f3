// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { Component } from "@odoo/owl";
import { CrmChart } from "../chart/crm_chart";
import { formatKpiValue } from "../format";

/**
 * The customers per value of a field of the customer analytics (RFM
 * segment, lifecycle stage, value class): a chart and a table, whose bars,
 * slices and rows open the customers of that value. A row marked as a
 * warning (the churn warning) lists its reasons, which open too.
 */
export class DistributionCard extends Component {
    static template = "crm_analytics.DistributionCard";
    static components = { CrmChart };
    static props = {
        title: String,
        field: String,
        distribution: {
            type: Object,
            shape: { total: Number, items: Array, chart: Object },
        },
        chartType: String,
        reasons: { type: Object, optional: true, shape: { field: String, items: Array } },
        onOpen: Function,
    };

    format(value) {
        return formatKpiValue(value);
    }

    open(field, item) {
        if (item.count) {
            this.props.onOpen(field, item.key);
        }
    }

    onClickIndex(index) {
        this.open(this.props.field, this.props.distribution.items[index]);
    }
}
