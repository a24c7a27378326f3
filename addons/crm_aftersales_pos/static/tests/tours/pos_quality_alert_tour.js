// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import * as Chrome from "@point_of_sale/../tests/pos/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/generic_helpers/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/pos/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/pos/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/pos/tours/utils/receipt_screen_util";
import * as TextInputPopup from "@point_of_sale/../tests/generic_helpers/text_input_popup_util";
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_pos_quality_alert_refused", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Dandong strawberries"),
            ProductScreen.enterLotNumber("STR-0601", "lot"),
            {
                content: "The cashier is told the lot is under quality alert",
                trigger: ".modal .modal-body:contains(STR-0601):contains(quality alert)",
            },
            Dialog.confirm(),
            ProductScreen.orderIsEmpty(),
        ].flat(),
});

registry.category("web_tour.tours").add("crm_pos_quality_alert_override", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Dandong strawberries"),
            ProductScreen.enterLotNumber("STR-0601", "lot"),
            {
                content: "The manager is asked why the lot may be sold",
                trigger: ".modal .modal-title:contains(Sell a Lot under Quality Alert)",
            },
            TextInputPopup.inputText("Checked again: only the top layer was soft"),
            Dialog.confirm(),
            ProductScreen.selectedOrderlineHas("Dandong strawberries", "1"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Cash"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});
