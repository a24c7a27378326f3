// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { PosStore } from "@point_of_sale/app/services/pos_store";
import { patch } from "@web/core/utils/patch";

patch(PosStore.prototype, {
    /**
     * The recommendations of the customer card not on the current order.
     */
    crmOpenRecommendations() {
        const card = this.crmCustomerCard;
        const order = this.getOrder();
        if (!card?.recommendations || card.partner_id !== order?.getPartner()?.id) {
            return [];
        }
        const onOrder = new Set(order.lines.map((line) => line.product_id?.id));
        return card.recommendations.filter((rec) => !onOrder.has(rec.product_id));
    },
    /**
     * One tap: the recommended product on the order, marked as recommended
     * (the server logs it as bought when the order is paid).
     */
    async crmAddRecommendation(recommendation) {
        let template = this.models["product.template"].get(recommendation.product_tmpl_id);
        if (!template) {
            await this.loadNewProducts([["id", "=", recommendation.product_tmpl_id]]);
            template = this.models["product.template"].get(recommendation.product_tmpl_id);
        }
        const product = this.models["product.product"].get(recommendation.product_id);
        if (!template || !product) {
            return;
        }
        return await this.addLineToCurrentOrder(
            { product_tmpl_id: template, product_id: product, crm_recommended: true },
            {},
            false
        );
    },
});
