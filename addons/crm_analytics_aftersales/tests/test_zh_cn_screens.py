# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The main screens of the suite, in Simplified Chinese, show no English label.

A Chinese shop works with the customer list and form (the 360° view), the
complaints and returns of the *After-sales* menu, the points ledger, the
membership tiers, the analytics dashboard and segments; its members use the
portal's *My Membership*, *Tickets* and *RMA Orders* pages. Headless Chromium
opens each of them as a Chinese care user, a Chinese manager and a Chinese
member, collects the labels a person reads (menus, field labels, column
headers, buttons, tabs, status bar stages, placeholders, headings) and fails
on any label written in Latin letters only that is not on ``ALLOWED``.

The data of the test is Chinese, as a Chinese shop's is, so the names shown
beside the labels are not mistaken for English labels.

``CRM_ZH_SCREENSHOTS=/some/dir`` also saves a PNG of every screen there.
"""

import base64
import json
import os
import re
from contextlib import ExitStack
from pathlib import Path

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import DEFAULT_SUCCESS_SIGNAL, ChromeBrowser

# Latin words a Chinese shop writes as they are: abbreviations, units, codes
ALLOWED = frozenset(
    {
        "SLA",
        "RFM",
        "VIP",
        "KPI",
        "CLV",
        "POS",
        "RMA",
        "ID",
        "SMS",
        "kg",
        "g",
        "CNY",
        "AM",
        "PM",
    }
)
LATIN_WORD = re.compile(r"[A-Za-z]+")
CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")

# Ready: the web client shows a view's renderer and loads nothing
BACKEND_READY = """
    !!document.querySelector('.o_action_manager :is(.o_list_renderer,'
        + ' .o_form_renderer, .o_kanban_renderer, .o_pivot, .o_graph_renderer)')
    && !document.querySelector('.o_loading_indicator, .o_blockUI')
"""
DASHBOARD_READY = """
    !!document.querySelector('.o_crm_analytics_dashboard .o_crm_kpis')
    && !document.querySelector('.o_loading_indicator, .o_blockUI')
"""
WEB_CLIENT_READY = """
    !!odoo.__WOWL_DEBUG__?.root && (%s)
"""
WEB_CLIENT_READY %= BACKEND_READY
# Open an action of the web client (by XML id), on a record's form if given
OPEN_ACTION = """
(async () => {
    const screen = %s;
    const action = odoo.__WOWL_DEBUG__.root.env.services.action;
    await action.doAction(screen.action, {
        clearBreadcrumbs: true,
        ...(screen.record ? {viewType: "form", props: {resId: screen.record}} : {}),
    });
})()
"""
OPEN_TAB = """
(async () => {
    document.querySelector(%s).click();
    await new Promise(resolve => setTimeout(resolve, 200));
})()
"""
# Ready: the portal page is loaded, the home's counters too
PORTAL_READY = """
    document.readyState === 'complete' && !!document.querySelector('#wrap')
    && !document.querySelector('.o_portal_doc_spinner')
"""

# The labels of a screen: the text of the elements a person reads as labels,
# not the values of the records (cells, field values, record names), each
# line separately; a client action (the dashboard) is read whole.
COLLECT_LABELS = """
(() => {
    const LABELS = [
        ".o_menu_brand", ".o_menu_sections :is(button, a)",
        ".o-dropdown--menu .o-dropdown-item",
        ".o_form_label", "label", ".o_list_table thead th",
        ".o_statusbar_status button", ".o_statusbar_buttons button",
        ".o_form_statusbar button", ".o_notebook_headers .nav-link",
        ".o_stat_text", ".o_horizontal_separator", ".o_control_panel button",
        ".o_cp_switch_buttons", ".o_kanban_group .o_column_title",
        ".o_group_name",
        "#wrap :is(h1, h2, h3, h4, h5, th, label, .btn, strong, .breadcrumb-item)",
        "#wrap .o_portal_index_card", "#wrap .card-header",
    ];
    // values, not labels
    const VALUES = [
        ".o_data_cell", ".o_field_widget:not(.o_field_statusbar)",
        ".o_breadcrumb", ".o_kanban_record", ".o_group_name .o_group_count",
    ].join(",");
    const texts = [];
    for (const el of document.querySelectorAll(LABELS.join(","))) {
        if (!el.checkVisibility() || el.closest(VALUES)) {
            continue;
        }
        texts.push(el.innerText);
    }
    for (const el of document.querySelectorAll("[placeholder]")) {
        if (el.checkVisibility()) {
            texts.push(el.getAttribute("placeholder"));
        }
    }
    for (const el of document.querySelectorAll(".o_crm_analytics_dashboard")) {
        texts.push(el.innerText);
    }
    return texts.flatMap(text => text.split("\\n")).map(t => t.trim()).filter(Boolean);
})()
"""
# Open the dropdown of each section of the app's menu, one after the other,
# and read its entries.
COLLECT_MENUS = """
(async () => {
    const entries = [];
    const toggles = document.querySelectorAll(".o_menu_sections .dropdown-toggle");
    for (const toggle of toggles) {
        toggle.click();
        await new Promise(resolve => setTimeout(resolve, 100));
        const items = document.querySelectorAll(".o-dropdown--menu .o-dropdown-item");
        for (const item of items) {
            entries.push(item.innerText.trim());
        }
        toggle.click();
        await new Promise(resolve => setTimeout(resolve, 50));
    }
    return entries;
})()
"""


def english(label):
    """The label is written in Latin letters only, and not all of its words
    are allowed ones."""
    if CJK.search(label):
        return False
    words = LATIN_WORD.findall(label)
    return any(len(word) > 1 and word not in ALLOWED for word in words)


@tagged("post_install", "-at_install")
class TestChineseScreens(HttpCase):
    browser_size = "1280x800"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Chinese added to the database, as Settings > Languages does
        chinese = cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("state", "=", "installed")]
        )._update_translations("zh_CN")
        if "website" in cls.env:
            cls.env["website"].search([]).language_ids |= chinese
        cls.env.ref("base.user_admin").lang = "zh_CN"
        cls.care = new_test_user(
            cls.env,
            login="crm_zh_care",
            groups="crm_fresh_loyalty.group_customer_care_user",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        cls.member = new_test_user(
            cls.env,
            login="crm_zh_member",
            name="杨欣怡",
            groups="base.group_portal",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        customer = cls.member.partner_id
        customer.write({"phone": "+86 180 4301 6607", "customer_rank": 1})
        program = cls.env["loyalty.program"].create(
            {
                "name": "鲜达会员",
                "program_type": "loyalty",
                "applies_on": "both",
                "trigger": "auto",
                "portal_visible": True,
                "portal_point_name": "积分",
                "rule_ids": [
                    Command.create(
                        {"reward_point_mode": "money", "reward_point_amount": 1}
                    )
                ],
            }
        )
        cls.env["crm.membership.tier"].create(
            {"name": "金卡", "program_id": program.id, "qualify_spend": 300}
        )
        cls.env["loyalty.card"].create(
            {"program_id": program.id, "partner_id": customer.id}
        )
        cls.complaint = cls.env["helpdesk.ticket"].create(
            {
                "name": "草莓发霉",
                "description": "<p>昨天买的草莓发霉了</p>",
                "type_id": cls.env.ref(
                    "crm_aftersales.helpdesk_ticket_type_complaint"
                ).id,
                "partner_id": customer.id,
            }
        )
        product = cls.env["product.product"].create(
            {"name": "草莓", "type": "consu", "is_storable": True}
        )
        cls.rma = cls.env["rma"].create(
            {
                "partner_id": customer.id,
                "product_id": product.id,
                "product_uom_qty": 1,
                "description": "<p>草莓发霉</p>",
            }
        )
        # the portal shows the returns the customer follows
        cls.rma.message_subscribe(partner_ids=customer.ids)

    def _backend_screens(self):
        def action(xmlid, record=None, **kw):
            return {"action": xmlid, "record": record.id if record else None, **kw}

        return {
            "customers": action("crm_fresh_loyalty.res_partner_action_customers"),
            "customer-360": action(
                "crm_fresh_loyalty.res_partner_action_customers",
                self.member.partner_id,
                tab="crm_overview",
            ),
            "members": action("crm_fresh_loyalty.loyalty_card_action_members"),
            "points-ledger": action("crm_fresh_loyalty.loyalty_history_action_ledger"),
            "membership-tiers": action("crm_fresh_loyalty.crm_membership_tier_action"),
            "complaints": action(
                "crm_aftersales.helpdesk_ticket_action_complaints", menus=True
            ),
            "complaint": action(
                "crm_aftersales.helpdesk_ticket_action_complaints",
                self.complaint,
                tab="crm_complaint",
            ),
            "returns": action("rma.rma_action"),
            "return": action("rma.rma_action", self.rma),
            "refunds": action("crm_aftersales.rma_action_refunds"),
            "dashboard": action(
                "crm_analytics.crm_analytics_dashboard_action", ready=DASHBOARD_READY
            ),
            "segments": action("crm_analytics.crm_customer_analytics_action_segments"),
            "lifecycle": action(
                "crm_analytics.crm_customer_analytics_action_lifecycle"
            ),
        }

    def _portal_screens(self):
        screens = {
            "portal-home": "/my/home",
            "portal-tickets": "/my/tickets",
            "portal-ticket": f"/my/ticket/{self.complaint.id}",
            "portal-rmas": "/my/rmas",
            "portal-rma": f"/my/rmas/{self.rma.id}",
        }
        if self.env["ir.module.module"]._get("crm_fresh_loyalty_website").state == (
            "installed"
        ):
            screens["portal-membership"] = "/my/membership"
        return {name: {"url": url} for name, url in screens.items()}

    def _english_labels(self, login, screens):
        """{screen: [English label]} of the screens as the user sees them."""
        found = {}
        directory = os.environ.get("CRM_ZH_SCREENSHOTS")
        browser = ChromeBrowser(self)
        with ExitStack() as stack:
            stack.enter_context(self.allow_requests(browser=browser))
            stack.callback(self._wait_remaining_requests)
            stack.callback(browser.stop)
            self.authenticate(login, login, browser=browser)
            self.cr.flush()
            self.cr.clear()
            # the web client is loaded once, then each action opened in it
            actions = [
                screen["action"] for screen in screens.values() if "action" in screen
            ]
            if actions:
                url = f"{self.base_url()}/odoo/action-{actions[0]}"
                browser.navigate_to(url, wait_stop=True)
                self.assertTrue(browser._wait_ready(WEB_CLIENT_READY))
            for name, screen in screens.items():
                if "action" in screen:
                    self._evaluate(browser, OPEN_ACTION % json.dumps(screen))
                    ready = screen.get("ready", BACKEND_READY)
                else:
                    browser.navigate_to(self.base_url() + screen["url"], wait_stop=True)
                    ready = PORTAL_READY
                self.assertTrue(browser._wait_ready(ready), f"{name} did not show")
                labels = self._evaluate(browser, COLLECT_LABELS)
                if screen.get("tab"):
                    tab = f".o_notebook_headers a.nav-link[name={screen['tab']}]"
                    self._evaluate(browser, OPEN_TAB % json.dumps(tab))
                    labels += self._evaluate(browser, COLLECT_LABELS)
                if screen.get("menus"):
                    labels += self._evaluate(browser, COLLECT_MENUS)
                if directory:
                    shot = browser._websocket_request(
                        "Page.captureScreenshot", params={"format": "png"}
                    )
                    path = Path(directory) / f"{login}-{name}.png"
                    path.write_bytes(base64.b64decode(shot["data"]))
                english_labels = sorted({label for label in labels if english(label)})
                if english_labels:
                    found[name] = english_labels
            # the end of the run, as browser_js signals it: fails on an error
            # the pages logged, and leaves the pages without one
            browser._wait_code_ok(f"console.log({DEFAULT_SUCCESS_SIGNAL!r})", 30)
        return found

    def _evaluate(self, browser, expression):
        answer = browser._websocket_request(
            "Runtime.evaluate",
            params={
                "expression": expression,
                "awaitPromise": True,
                "returnByValue": True,
            },
            timeout=30,
        )
        self.assertNotIn("exceptionDetails", answer, answer)
        return answer["result"].get("value")

    def _assert_chinese(self, login, screens):
        found = self._english_labels(login, screens)
        self.assertFalse(
            found,
            f"English labels on the screens of {login} in zh_CN:\n"
            + json.dumps(found, ensure_ascii=False, indent=1),
        )

    def test_care_desk(self):
        self._assert_chinese("crm_zh_care", self._backend_screens())

    def test_manager(self):
        # the screens where a manager sees more than the care desk
        screens = self._backend_screens()
        self._assert_chinese(
            "admin",
            {
                name: screens[name]
                for name in ("customer-360", "complaints", "complaint", "return")
            },
        )

    def test_member(self):
        self._assert_chinese("crm_zh_member", self._portal_screens())
