// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

function selectMany2one(field, search, label) {
    return [
        {
            content: `Search ${search} in ${field}`,
            trigger: `.o_field_widget[name="${field}"] input`,
            run: `edit ${search}`,
        },
        {
            content: `Choose ${label}`,
            trigger: `.o-autocomplete--dropdown-item:contains(${label})`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("crm_campaign", {
    url: "/odoo/customer-campaigns",
    steps: () => [
        {
            content: "Create a campaign",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Give it a title",
            trigger: '.o_field_widget[name="sms_subject"] input',
            run: "edit Spring Festival greetings",
        },
        ...selectMany2one("mailing_filter_id", "churn", "Segment: churn warning"),
        {
            content: "Open the Campaign tab",
            trigger: 'a.nav-link[name="crm_campaign"]',
            run: "click",
        },
        ...selectMany2one(
            "crm_mail_template_id",
            "Spring",
            "Campaign: Spring Festival greeting"
        ),
        ...selectMany2one("sms_template_id", "Spring", "Campaign: Spring Festival greeting"),
        {
            content: "A control group of 10 % by default",
            trigger: '.o_field_widget[name="crm_control_share"] input:value(10.00)',
        },
        ...stepUtils.saveForm(),
        {
            content: "Send the campaign",
            trigger: 'button[name="action_put_in_queue"]:contains(Send)',
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The campaign is queued",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(In Queue)",
        },
    ],
});
