// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

const openMembership = [
    {
        content: "Open My Membership from the portal home",
        trigger: 'a[href="/my/membership"]',
        run: "click",
        expectUnloadPage: true,
    },
    {
        content: "The tier is shown",
        trigger: ".o_crm_membership_tier_name:contains(Gold)",
    },
    {
        content: "The points balance is shown",
        trigger: ".o_crm_membership_balance:contains(120.00)",
    },
];

registry.category("web_tour.tours").add("crm_membership_portal", {
    url: "/my/home",
    steps: () => [
        ...openMembership,
        {
            content: "The points history is shown",
            trigger: ".o_crm_membership_history td:contains(Welcome points)",
        },
    ],
});

registry.category("web_tour.tours").add("crm_membership_complaint", {
    url: "/my/home",
    steps: () => [
        ...openMembership,
        {
            content: "Submit a complaint from the membership page",
            trigger: "a.o_crm_membership_complaint",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: 'input[name="subject"]',
            run: "edit Melon was overripe",
        },
        {
            trigger: 'textarea[name="description"]',
            run: "edit The melon of my last order was overripe.",
        },
        {
            trigger: 'form button[type="submit"]',
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The complaint is created",
            trigger: "body:contains(Melon was overripe)",
        },
        {
            content: "Go to my complaints",
            trigger: "body",
            run: () => {
                window.location.href = "/my/tickets";
            },
            expectUnloadPage: true,
        },
        {
            content: "The complaint is listed",
            trigger: "table a:contains(Melon was overripe)",
        },
    ],
});
