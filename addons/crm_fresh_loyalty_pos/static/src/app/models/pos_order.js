// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { PosOrder } from "@point_of_sale/app/models/pos_order";
import { patch } from "@web/core/utils/patch";

patch(PosOrder.prototype, {
    /**
     * The membership tier of the order's customer in ``program``, if any.
     */
    getCrmTier(program) {
        const tier = this.getPartner()?.crm_tier_id;
        return tier && tier.program_id?.id === program.id ? tier : false;
    },
    /**
     * Show the points the order earns with the tier multiplier: the server
     * applies it when it confirms the points (pos.order.confirm_coupon_programs).
     */
    getLoyaltyPoints() {
        const stats = super.getLoyaltyPoints(...arguments);
        for (const stat of stats) {
            const multiplier = this.getCrmTier(stat.program)?.points_multiplier || 1;
            if (multiplier !== 1 && stat.points.won > 0) {
                const won = parseFloat((stat.points.won * multiplier).toFixed(2));
                stat.points.total = parseFloat(
                    (stat.points.total + won - stat.points.won).toFixed(2)
                );
                stat.points.won = won;
            }
        }
        return stats;
    },
});
