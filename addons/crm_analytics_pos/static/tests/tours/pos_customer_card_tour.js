// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import * as PosLoyalty from "@pos_loyalty/../tests/tours/utils/pos_loyalty_util";
import * as ProductScreen from "@point_of_sale/../tests/pos/tours/utils/product_screen_util";
import * as Chrome from "@point_of_sale/../tests/pos/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/generic_helpers/dialog_util";
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_pos_customer_card", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer("Wang Fang"),
            {
                content: "The customer card shows the member's latest purchase",
                trigger: ".crm-customer-card .crm-card-purchase:contains(Whiteboard Pen)",
            },
            {
                content: "and the points expiring, with their date",
                trigger: ".crm-customer-card .crm-card-expiring:contains(30)",
            },
            {
                content: "One tap adds the recommended product",
                trigger: ".crm-card-recommendation:contains(Desk Organizer)",
                run: "click",
            },
            ProductScreen.selectedOrderlineHas("Desk Organizer", "1"),
            {
                content: "What the order holds is no longer recommended",
                trigger: "body:not(:has(.crm-card-recommendations))",
            },
            PosLoyalty.finalizeOrder("Cash", "10"),
        ].flat(),
});
