// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { PosStore } from "@point_of_sale/app/services/pos_store";
import { TextInputPopup } from "@point_of_sale/app/components/popups/text_input_popup/text_input_popup";
import { _t } from "@web/core/l10n/translation";
import { makeAwaitable } from "@point_of_sale/app/utils/make_awaitable_dialog";
import { patch } from "@web/core/utils/patch";

patch(PosStore.prototype, {
    /**
     * Check the lots chosen for the product against the quality alerts.
     * A cashier is told at once and the product stays off the order; a
     * manager of the point of sale may sell the lots, giving a reason that
     * the line's lots keep and the server logs on the lots. The server
     * checks the order again when it syncs (offline, only then).
     *
     * @returns {Promise<{refused: boolean, reason?: string, lotNames?: string[]}>}
     */
    async crmCheckQualityAlert(product, lotNames) {
        let alert = false;
        try {
            alert = await this.data.call("pos.order.line", "crm_quality_alert_message", [
                this.company.id,
                product.id,
                lotNames,
            ]);
        } catch {
            return { refused: false };
        }
        if (!alert) {
            return { refused: false };
        }
        if (this.getCashier()?._role !== "manager") {
            this.dialog.add(AlertDialog, { title: _t("Quality Alert"), body: alert.message });
            return { refused: true };
        }
        const reason = await makeAwaitable(this.dialog, TextInputPopup, {
            title: _t("Sell a Lot under Quality Alert"),
            placeholder: _t("Why these lots may be sold (checked again, customer informed...)"),
            rows: 3,
        });
        if (!reason?.trim()) {
            this.dialog.add(AlertDialog, { title: _t("Quality Alert"), body: alert.message });
            return { refused: true };
        }
        return { refused: false, reason: reason.trim(), lotNames: alert.lot_names };
    },

    async editLots(product, packLotLinesToEdit) {
        const lots = await super.editLots(...arguments);
        const newLines = lots?.newPackLotLines || [];
        const names = [
            ...newLines.map((line) => line.lot_name),
            ...Object.values(lots?.modifiedPackLotLines || {}),
        ];
        if (!names.length) {
            return lots;
        }
        const check = await this.crmCheckQualityAlert(product, names);
        if (check.refused) {
            return null;
        }
        for (const line of newLines) {
            if (check.reason && check.lotNames.includes(line.lot_name)) {
                line.crm_quality_override_reason = check.reason;
            }
        }
        return lots;
    },

    /**
     * A barcode that carries the lot (GS1) adds the line without asking
     * for lots: it meets the same check.
     */
    async addLineToOrder(vals, order, opts = {}, configure = true) {
        const code = opts.code;
        const product = vals.product_id || vals.product_tmpl_id?.product_variant_ids?.[0];
        let check = { refused: false };
        if (code?.type === "lot" && product?.product_tmpl_id?.isTracked()) {
            check = await this.crmCheckQualityAlert(product, [code.code]);
            if (check.refused) {
                return;
            }
        }
        const line = await super.addLineToOrder(...arguments);
        if (line && check.reason) {
            for (const pack of line.pack_lot_ids) {
                if (check.lotNames.includes(pack.lot_name)) {
                    pack.crm_quality_override_reason = check.reason;
                }
            }
        }
        return line;
    },
});
