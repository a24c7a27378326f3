// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { PosStore } from "@point_of_sale/app/services/pos_store";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";

patch(PosStore.prototype, {
    /**
     * Tell the cashier at once when a chosen lot is under quality alert,
     * and leave the product off the order; the server refuses such an
     * order anyway when it syncs.
     */
    async editLots(product, packLotLinesToEdit) {
        const lots = await super.editLots(...arguments);
        const names = [
            ...(lots?.newPackLotLines || []).map((line) => line.lot_name),
            ...Object.values(lots?.modifiedPackLotLines || {}),
        ];
        if (!names.length) {
            return lots;
        }
        let message = false;
        try {
            message = await this.data.call("pos.order.line", "crm_quality_alert_message", [
                this.company.id,
                product.id,
                names,
            ]);
        } catch {
            // Offline: the server checks the order when it syncs.
            return lots;
        }
        if (message) {
            this.dialog.add(AlertDialog, { title: _t("Quality Alert"), body: message });
            return null;
        }
        return lots;
    },
});
