// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import * as ProductScreen from "@point_of_sale/../tests/pos/tours/utils/product_screen_util";
import * as Chrome from "@point_of_sale/../tests/pos/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/generic_helpers/dialog_util";
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_pos_points_mall", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer("Wang Fang"),
            ProductScreen.clickControlButton("Points Mall"),
            {
                content: "The till lists the points mall with the points of each reward",
                trigger: ".modal .selection-item:contains(Donation to Project Hope (100 points))",
            },
            {
                content: "The cashier redeems the coupon for the member",
                trigger: ".modal .selection-item:contains(10 off coupon (200 points))",
                run: "click",
            },
            {
                content: "The till shows the code of the coupon issued",
                trigger: ".modal .modal-body:contains(Points mall: 10 off coupon. Coupon code:)",
            },
            Dialog.confirm(),
        ].flat(),
});
