// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { PosStore } from "@point_of_sale/app/services/pos_store";
import { patch } from "@web/core/utils/patch";

patch(PosStore.prototype, {
    /**
     * Open the customer form with the membership and the counter's profile
     * fields (tier, points, birthday, preferred channel, marketing consent).
     */
    editPartnerContext() {
        return { ...super.editPartnerContext(...arguments), crm_pos_partner_editor: true };
    },
    /**
     * One card per company customer and program: a contact of a company
     * earns on, and spends from, the company's card (the server books the
     * points there too, see pos.order._check_existing_loyalty_cards).
     */
    /**
     * Selecting a customer reads their card for the cashier (latest
     * purchases, expiring points, and what the bridges add) in one call,
     * rather than with every customer the POS loads.
     */
    setPartnerToCurrentOrder(partner) {
        super.setPartnerToCurrentOrder(...arguments);
        this.crmLoadCustomerCard(partner);
    },
    async crmLoadCustomerCard(partner) {
        this.crmCustomerCard = null;
        if (!partner) {
            return;
        }
        // Offline, the till works without the card.
        const card = await this.data.silentCall("res.partner", "crm_pos_customer_card", [
            [partner.id],
            this.config.id,
        ]);
        if (card && this.getOrder()?.getPartner()?.id === card.partner_id) {
            this.crmCustomerCard = card;
        }
    },
    async fetchLoyaltyCard(programId, partnerId) {
        const partner = this.models["res.partner"].get(partnerId);
        const holderId = partner?.raw.commercial_partner_id || partnerId;
        return await super.fetchLoyaltyCard(programId, holderId);
    },
});
