// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";
import tourUtils from "@sale/js/tours/tour_utils";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("crm_membership_staff", {
    // Without sale_management, Sales has no app of its own: open the quotations.
    url: "/odoo/action-sale.action_quotations_with_onboarding",
    steps: () => [
        ...tourUtils.createNewSalesOrder(),
        // A customer the shop does not know yet, created from the order.
        ...tourUtils.selectCustomer("Zhao Lei"),
        ...tourUtils.addProduct("Durian gift box"),
        {
            content: "Wait for the line's price",
            trigger: '.o_data_row [name="price_unit"] input:value(/^[1-9]/)',
        },
        ...stepUtils.saveForm(),
        {
            content: "Confirm the order",
            trigger: 'button[name="action_confirm"]',
            run: "click",
        },
        {
            content: "The order is confirmed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Sales Order)",
        },
        {
            content: "Open the customer",
            // The customer is read-only once the order is confirmed: a link.
            trigger: '.o_field_widget[name="partner_id"] a',
            run: "click",
        },
        {
            trigger: '.o_field_widget[name="name"] input:value(Zhao Lei)',
        },
        {
            content: "Open the customer profile",
            trigger: 'a.nav-link[name="crm_profile"], a.nav-link:contains(Customer Profile)',
            run: "click",
        },
        {
            content: "The purchase upgraded the new customer to Silver",
            trigger: '.o_field_widget[name="crm_tier_id"]:contains(Silver)',
        },
    ],
});
