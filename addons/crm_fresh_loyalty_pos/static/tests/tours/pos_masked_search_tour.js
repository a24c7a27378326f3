// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import * as ProductScreen from "@point_of_sale/../tests/pos/tours/utils/product_screen_util";
import * as PartnerList from "@point_of_sale/../tests/pos/tours/utils/partner_list_util";
import * as Chrome from "@point_of_sale/../tests/pos/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/generic_helpers/dialog_util";
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_pos_masked_search", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickPartnerButton(),
            {
                content: "Type the customer's full phone number",
                trigger: ".modal-dialog .input-group input",
                run: "edit 13812345678",
            },
            {
                content: "Let the search field take the number",
                trigger: ".modal-header .input-group input",
                run() {
                    document
                        .querySelector(".modal-header .input-group input")
                        .dispatchEvent(new KeyboardEvent("keyup", { key: "" }));
                },
            },
            {
                content: "Search on the server (Enter)",
                trigger: ".modal-dialog .input-group input",
                run() {
                    document
                        .querySelector(".modal-dialog .input-group input")
                        .dispatchEvent(
                            new KeyboardEvent("keydown", { bubbles: true, key: "Enter" })
                        );
                },
            },
            {
                content: "The customer is found, with the phone masked and the tier",
                trigger:
                    ".partner-list .partner-info:contains(Chen Jie):contains(138****5678) .crm-tier-badge:contains(Silver)",
            },
            {
                content: "The real number is never shown",
                trigger: ".partner-list:not(:contains(13812345678))",
            },
            PartnerList.clickPartner("Chen Jie"),
            ProductScreen.customerIsSelected("Chen Jie"),
        ].flat(),
});
