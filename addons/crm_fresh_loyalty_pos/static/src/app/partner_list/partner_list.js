// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { PartnerList } from "@point_of_sale/app/screens/partner_list/partner_list";
import { patch } from "@web/core/utils/patch";

// A cashier without the Personal Data group loads customers with their phone
// and email masked, so the list cannot match a typed number against them.
// The server search (Enter) matches the real values: the customers it found
// for the query stay listed.
patch(PartnerList.prototype, {
    setup() {
        super.setup(...arguments);
        this.crmFoundByServer = {};
    },
    async getNewPartners() {
        const query = this.state.query;
        const partners = await super.getNewPartners(...arguments);
        if (query) {
            const found = (this.crmFoundByServer[query] ||= new Set());
            for (const partner of partners) {
                found.add(partner.id);
            }
        }
        return partners;
    },
    getPartners(partners) {
        const listed = super.getPartners(partners);
        const found = this.crmFoundByServer[this.state.query];
        if (!found?.size) {
            return listed;
        }
        const listedIds = new Set(listed.map((partner) => partner.id));
        return [
            ...listed,
            ...partners.filter(
                (partner) => found.has(partner.id) && !listedIds.has(partner.id)
            ),
        ];
    },
});
