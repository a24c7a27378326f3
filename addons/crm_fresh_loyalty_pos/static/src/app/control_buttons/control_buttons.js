// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { ControlButtons } from "@point_of_sale/app/screens/product_screen/control_buttons/control_buttons";
import { SelectionPopup } from "@point_of_sale/app/components/popups/selection_popup/selection_popup";
import { makeAwaitable } from "@point_of_sale/app/utils/make_awaitable_dialog";
import { uuidv4 } from "@point_of_sale/utils";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";

patch(ControlButtons.prototype, {
    /**
     * The rewards of the points mall of this till's loyalty programs.
     */
    getCrmMallRewards() {
        return this.pos.models["loyalty.reward"].filter(
            (reward) => reward.crm_mall_type && reward.program_id?.program_type === "loyalty"
        );
    },
    /**
     * Redeem a reward of the points mall for the order's customer: the
     * server takes the points from their card and issues the coupon, which
     * the cashier hands over (or enters with "Enter Code" on this order).
     */
    async clickCrmPointsMall() {
        const partner = this.pos.getOrder().getPartner();
        if (!partner) {
            this.dialog.add(AlertDialog, {
                title: _t("Points Mall"),
                body: _t("Select the member whose points are redeemed first."),
            });
            return;
        }
        const reward = await makeAwaitable(this.dialog, SelectionPopup, {
            title: _t("Points Mall: %(member)s", { member: partner.name }),
            list: this.getCrmMallRewards().map((reward) => ({
                id: reward.id,
                item: reward,
                label: _t("%(reward)s (%(points)s points)", {
                    reward: reward.description,
                    points: reward.required_points,
                }),
            })),
        });
        if (!reward) {
            return;
        }
        const card = await this.pos.fetchLoyaltyCard(reward.program_id.id, partner.id);
        if (!card || typeof card.id !== "number" || card.id < 0) {
            this.dialog.add(AlertDialog, {
                title: _t("Points Mall"),
                body: _t("%(member)s has no membership card yet.", { member: partner.name }),
            });
            return;
        }
        const result = await this.pos.data.call("loyalty.card", "crm_pos_redeem_mall_reward", [
            card.id,
            reward.id,
            uuidv4(),
        ]);
        card.points = result.points;
        this.dialog.add(AlertDialog, {
            title: _t("Points Mall"),
            body: result.coupon_code
                ? _t("%(redeemed)s. Coupon code: %(code)s", {
                      redeemed: result.description,
                      code: result.coupon_code,
                  })
                : _t("%(redeemed)s. Thank you for the donation.", {
                      redeemed: result.description,
                  }),
        });
    },
});
