// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("crm_order_complaint", {
    url: "/my/orders",
    steps: () => [
        {
            content: "Open the order from My Orders",
            trigger: "a:contains(SO-FRESH-0001)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order offers a return and a complaint",
            trigger: "#sale_order_sidebar_button a:contains(Request a return)",
        },
        {
            content: "Report a problem with the order",
            trigger: "a.o_crm_order_complaint",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The complaint form shows the order",
            trigger: ".o_crm_complaint_order a:contains(SO-FRESH-0001)",
        },
        {
            content: "Point at the product of the order",
            trigger: "select[name=product_id]",
            run: "selectByLabel Hami melon",
        },
        {
            trigger: 'input[name="subject"]',
            run: "edit Melon was overripe",
        },
        {
            trigger: 'textarea[name="description"]',
            run: "edit The melon of this order was overripe.",
        },
        {
            trigger: 'form button[type="submit"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The complaint shows the order it is about",
            trigger: ".o_crm_ticket_order a:contains(SO-FRESH-0001)",
        },
        {
            content: "and the product",
            trigger: ".o_crm_ticket_product:contains(Hami melon)",
        },
    ],
});
