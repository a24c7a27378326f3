// Copyright 2026 Fresh CRM Suite contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { registry } from "@web/core/registry";

// A customer follows the link of the satisfaction invitation: four scores,
// a comment, submit (the test gives the answer's start URL).
function score(question, value) {
    return {
        content: `Score ${question}: ${value}`,
        trigger: `div.js_question-wrapper:contains("${question}") label:contains("${value}")`,
        run: "click",
    };
}

registry.category("web_tour.tours").add("crm_satisfaction_survey", {
    steps: () => [
        {
            content: "Start the survey",
            trigger: 'button.btn:contains("Start")',
            run: "click",
        },
        score("Overall, how satisfied are you?", 4),
        score("How satisfied are you with the speed of our response?", 5),
        score("How well did we solve your problem?", 3),
        score("How was your experience of working with us?", 4),
        {
            content: "Leave a comment",
            trigger: 'div.js_question-wrapper:contains("Anything else") textarea',
            run: "edit 草莓很新鲜",
        },
        {
            content: "Submit",
            trigger: 'button[value="finish"]',
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Thanked",
            trigger: ".o_survey_finished",
        },
    ],
});
