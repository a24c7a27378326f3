// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { formatFloat } from "@web/views/fields/formatters";

/**
 * A KPI or a count as the dashboard shows it: two decimals at most, none
 * when they are zeros (a count of customers reads 12, a rate 33.33).
 *
 * @param {number} value
 * @returns {string}
 */
export function formatKpiValue(value) {
    return formatFloat(value, { digits: [16, 2], trailingZeros: false });
}
