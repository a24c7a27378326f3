// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import * as PosLoyalty from "@pos_loyalty/../tests/tours/utils/pos_loyalty_util";
import * as ProductScreen from "@point_of_sale/../tests/pos/tours/utils/product_screen_util";
import * as Chrome from "@point_of_sale/../tests/pos/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/generic_helpers/dialog_util";
import * as PartnerList from "@point_of_sale/../tests/pos/tours/utils/partner_list_util";
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_pos_membership", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickPartnerButton(),
            {
                content: "The customer list shows the tier and the expiring points",
                trigger:
                    ".partner-line:contains(Wang Fang) .crm-tier-badge:contains(Gold)",
            },
            PartnerList.clickPartnerOptions("Wang Fang"),
            PartnerList.clickDropDownItemText("Edit Details"),
            {
                content: "The customer editor shows the member's tier",
                trigger: ".modal .crm-pos-membership .crm-pos-tier-badge:contains(Gold)",
            },
            {
                content: "and the points balance, read-only",
                trigger:
                    ".modal .crm-pos-membership .crm-pos-points.o_readonly_modifier:contains(50.00)",
            },
            {
                content: "The cashier can capture the birthday",
                trigger: ".modal .crm-pos-membership [name=birthdate_date] input",
            },
            {
                content: "and the marketing consent",
                trigger:
                    ".modal .crm-pos-membership [name=crm_marketing_consent] input:not(:disabled)",
            },
            {
                content: "Close the editor",
                trigger: ".modal .o_form_button_cancel",
                run: "click",
            },
            ProductScreen.clickCustomer("Wang Fang"),
            ProductScreen.addOrderline("Whiteboard Pen", "1"),
            {
                content: "The order shows the member's tier and multiplier",
                trigger: ".crm-order-membership:contains(×2) .crm-tier-badge:contains(Gold)",
            },
            // 10 points by the program's rule, doubled by the Gold tier.
            PosLoyalty.pointsAwardedAre("20"),
            PosLoyalty.pointsTotalIs("70"),
            PosLoyalty.finalizeOrder("Cash", "10"),
        ].flat(),
});

registry.category("web_tour.tours").add("crm_pos_member_price", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.addOrderline("Whiteboard Pen", "1"),
            ProductScreen.totalAmountIs("10.00"),
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer("Wang Fang"),
            // The Gold tier's 10% discount, from the tier's pricelist.
            ProductScreen.totalAmountIs("9.00"),
            PosLoyalty.finalizeOrder("Cash", "9"),
        ].flat(),
});

registry.category("web_tour.tours").add("crm_pos_company_card", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer("Zhao Lei"),
            ProductScreen.addOrderline("Whiteboard Pen", "1"),
            // The company's 50 points and the 10 of the pen, on one card.
            PosLoyalty.pointsAwardedAre("10"),
            PosLoyalty.pointsTotalIs("60"),
            PosLoyalty.finalizeOrder("Cash", "10"),
        ].flat(),
});
