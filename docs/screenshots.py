# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The screenshots of the user guide (README.md), taken in headless Chromium
from an Odoo server running a demo database of the suite.

Run it through ``bin/screenshots DATABASE``, which starts and stops the
server. Chromium is driven over its DevTools protocol with websocket-client
(a requirement of the suite); the records are found by their demo XML ids
through the web client's JSON-RPC, as the administrator. Each screenshot is
1280x800, reduced to 256 colours and optimised.

The POS screenshots open a session of the Guangzhou store when none is open,
and close it again afterwards, deleting the order left open on the till.
"""

import argparse
import base64
import http.cookiejar
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import NamedTuple

import websocket
from PIL import Image

WIDTH, HEIGHT = 1280, 800
TIMEOUT = 60  # seconds to wait for a page or an element
# Ready: the web client shows a view's renderer (mounted once its data is
# loaded) and is not loading anything.
BACKEND_READY = """
    !!document.querySelector('.o_action_manager :is(.o_list_renderer,'
        + ' .o_form_renderer, .o_graph_renderer, .o_pivot, .o_kanban_renderer)')
    && !document.querySelector('.o_loading_indicator, .o_blockUI')
"""
# Ready: the Customer Analytics dashboard (a client action) shows its KPI
# cards and has drawn every chart.
DASHBOARD_READY = """
    !!document.querySelector('.o_crm_analytics_dashboard .o_crm_kpi_card')
    && [...document.querySelectorAll('.o_crm_analytics_dashboard .o_crm_chart canvas')]
        .every(canvas => canvas.width > 0)
    && !document.querySelector('.o_loading_indicator, .o_blockUI')
"""


class Chromium:
    """A headless Chromium with one page, driven over the DevTools protocol."""

    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="crm-screenshots-")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--disable-extensions",
                "--force-device-scale-factor=1",
                f"--window-size={WIDTH},{HEIGHT}",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + TIMEOUT
        while not port_file.is_file() or not port_file.read_text().strip():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError(f"{binary} did not start")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT"
        )
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            page = json.load(response)
        self.socket = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=TIMEOUT, suppress_origin=True
        )
        self.last_id = 0
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=HEIGHT,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.send("Emulation.setTimezoneOverride", timezoneId="Asia/Shanghai")
        # A background page gets no animation frames: the web client would
        # not render until the screenshot.
        self.send("Page.bringToFront")
        self.send("Emulation.setFocusEmulationEnabled", enabled=True)
        self.send("Page.enable")
        self.send("Network.enable")

    def send(self, method, **params):
        self.last_id += 1
        self.socket.send(
            json.dumps({"id": self.last_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") != self.last_id:
                continue  # an event
            if "error" in message:
                raise RuntimeError(f"{method}: {message['error']}")
            return message["result"]

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate",
            expression=expression,
            returnByValue=True,
            awaitPromise=True,
        )
        if "exceptionDetails" in result:
            raise RuntimeError(
                f"{expression.strip()[:80]}: {result['exceptionDetails']}"
            )
        return result["result"].get("value")

    def wait_for(self, condition, what):
        deadline = time.monotonic() + TIMEOUT
        while not self.evaluate(
            f"(() => {{ try {{ return ({condition}); }} catch {{ return false; }} }})()"
        ):
            if time.monotonic() > deadline:
                page = Path(tempfile.gettempdir()) / "crm-screenshots-timeout.png"
                data = self.send("Page.captureScreenshot", format="png")["data"]
                page.write_bytes(base64.b64decode(data))
                raise TimeoutError(f"waited {TIMEOUT} s for {what}; the page: {page}")
            time.sleep(0.25)

    def goto(self, url, ready=BACKEND_READY):
        self.send("Page.navigate", url=url)
        time.sleep(0.5)
        self.wait_for("document.readyState === 'complete'", f"{url} to load")
        self.wait_for(ready, f"{url} to be ready")

    def click(self, selector, text=""):
        """Click the first element matching the selector (and containing the
        text), waiting for it to appear."""
        find = (
            f"[...document.querySelectorAll({json.dumps(selector)})]"
            ".find(e => e.innerText.replace(/\\s+/g, ' ')"
            f".includes({json.dumps(text)}))"
        )
        self.wait_for(f"!!{find}", f"{selector} {text}")
        self.evaluate(f"{find}.click()")

    def type(self, selector, value):
        """Type the value into the field, as a person would."""
        self.wait_for(f"!!document.querySelector({json.dumps(selector)})", selector)
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.send("Input.insertText", text=value)

    def screenshot(self, path):
        time.sleep(1.0)  # animations and fonts
        data = self.send("Page.captureScreenshot", format="png")["data"]
        image = Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")
        image = image.quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        image.save(path, optimize=True)
        print(f"{path} ({path.stat().st_size // 1024} kB)")

    def clear_session(self):
        self.send("Network.clearBrowserCookies")

    def close(self):
        if getattr(self, "socket", None):
            self.socket.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


class Odoo:
    """The demo database, as the administrator, through the web client's own
    JSON-RPC routes (XML-RPC is deprecated in Odoo 19)."""

    def __init__(self, url, db, login, password):
        self.url = url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self._rpc(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
        )

    def _rpc(self, path, params):
        request = urllib.request.Request(
            f"{self.url}{path}",
            data=json.dumps({"jsonrpc": "2.0", "params": params}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with self.opener.open(request, timeout=TIMEOUT) as response:
            answer = json.load(response)
        if "error" in answer:
            error = answer["error"].get("data", {}).get("message") or answer["error"]
            raise RuntimeError(f"{path}: {error}")
        return answer["result"]

    def call(self, model, method, *args, **kwargs):
        return self._rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        rows = self.call(
            "ir.model.data",
            "search_read",
            [("module", "=", module), ("name", "=", name)],
            fields=["res_id"],
        )
        if not rows:
            raise RuntimeError(
                f"{xmlid} is not in the database: is it a demo database?"
            )
        return rows[0]["res_id"]


def login(browser, url, db, user, password):
    browser.clear_session()
    browser.goto(
        f"{url}/web/login?db={db}",
        ready="!!document.querySelector('form.oe_login_form')",
    )
    browser.evaluate(
        f"""(() => {{
            const form = document.querySelector('form.oe_login_form');
            form.querySelector('input[name=login]').value = {json.dumps(user)};
            form.querySelector('input[name=password]').value = {json.dumps(password)};
            form.submit();
        }})()"""
    )
    browser.wait_for("!location.pathname.startsWith('/web/login')", f"{user} to log in")


class Ref(str):
    """The database id of a record, by its XML id, in a shot's context."""


class Shot(NamedTuple):
    """A screenshot of the back office: an action, on a record's form (by XML
    id) and one of its tabs, or on one of its views (its first by default)
    opened with a context (``search_default_*`` keys: filters of its search
    view by name, a date filter on its default period, a field searched for a
    value or a record) and its groups unfolded. Names, not labels: the shots
    are taken in any language. A client action names what shows it is ready;
    a long page is scrolled to the element of a selector."""

    name: str
    action: str
    record: str | None = None
    tab: str | None = None
    context: tuple[tuple[str, object], ...] = ()
    view: str | None = None
    unfold: bool = False
    ready: str = BACKEND_READY
    scroll: str | None = None


BACKEND_SHOTS = [
    # Customers: 杨欣怡, a Gold member who shops online
    Shot(
        "customer-360",
        "crm_fresh_loyalty.res_partner_action_customers",
        record="crm_fresh_loyalty.res_partner_fresh_01_demo",
        tab="crm_overview",
    ),
    Shot(
        "membership-tiers", "crm_fresh_loyalty.crm_membership_tier_action", unfold=True
    ),
    Shot(
        "points-ledger",
        "crm_fresh_loyalty.loyalty_history_action_ledger",
        context=(
            (
                "search_default_partner_id",
                Ref("crm_fresh_loyalty.res_partner_fresh_01_demo"),
            ),
        ),
    ),
    Shot(
        "tag-rule",
        "crm_fresh_loyalty.crm_tag_rule_action",
        record="crm_fresh_loyalty.crm_tag_rule_fruit_lover_demo",
    ),
    Shot("duplicates", "crm_fresh_loyalty.crm_partner_duplicate_action", unfold=True),
    # After-sales: the mouldy strawberries of one lot
    Shot("complaints", "crm_aftersales.helpdesk_ticket_action_complaints"),
    Shot(
        "complaint",
        "crm_aftersales.helpdesk_ticket_action_complaints",
        record="crm_aftersales.helpdesk_ticket_canteen_mould_demo",
        tab="crm_complaint",
    ),
    Shot(
        "return",
        "rma.rma_action",
        record="crm_aftersales.rma_canteen_strawberries_demo",
        tab="page_inspection",
    ),
    Shot(
        "compensation-matrix",
        "crm_aftersales.crm_complaint_compensation_rule_action",
        unfold=True,
    ),
    # Analytics
    Shot(
        "dashboard",
        "crm_analytics.crm_analytics_dashboard_action",
        ready=DASHBOARD_READY,
    ),
    Shot(
        "dashboard-customers",
        "crm_analytics.crm_analytics_dashboard_action",
        ready=DASHBOARD_READY,
        scroll=".o_crm_customers",
    ),
    Shot("segments", "crm_analytics.crm_customer_analytics_action_segments"),
    Shot(
        "kpi-snapshots",
        "crm_analytics.crm_kpi_snapshot_action",
        view="pivot",
        context=(("search_default_all_channels", 1), ("search_default_date", 1)),
    ),
    Shot("kpi-targets", "crm_analytics.crm_kpi_target_action_status"),
]


def backend(browser, odoo, url, shot):
    """Open the shot's action, record, tab, search and groups."""
    path = f"{url}/odoo/action-{shot.action}"
    if shot.record:
        path += f"/{odoo.ref(shot.record)}"
    browser.goto(path, ready=shot.ready)
    if shot.context:
        context = {
            key: odoo.ref(value) if isinstance(value, Ref) else value
            for key, value in shot.context
        }
        # the action again, in the web client, with its search defaults
        browser.evaluate(
            f"""odoo.__WOWL_DEBUG__.root.env.services.action.doAction(
                {json.dumps(shot.action)},
                {{additionalContext: {json.dumps(context)}, clearBreadcrumbs: true}}
            )"""
        )
        time.sleep(0.5)
        browser.wait_for(
            f"!!document.querySelector('.o_searchview_facet') && ({BACKEND_READY})",
            "the search defaults",
        )
    if shot.tab:
        selector = f".o_notebook_headers a.nav-link[name='{shot.tab}']"
        browser.click(selector)
        browser.wait_for(
            f"document.querySelector({json.dumps(selector)}).classList.contains('active')",
            f"the {shot.tab} tab",
        )
        browser.evaluate(
            "document.querySelector('.o_notebook').scrollIntoView({block: 'start'})"
        )
    if shot.view:
        browser.click(f".o_switch_view.o_{shot.view}")
        browser.wait_for(
            f"!!document.querySelector('.o_action_manager .o_{shot.view}_view')"
            f" && ({BACKEND_READY})",
            f"the {shot.view} view",
        )
    if shot.scroll:
        browser.evaluate(
            f"document.querySelector({json.dumps(shot.scroll)})"
            ".scrollIntoView({block: 'start'})"
        )
    while shot.unfold and browser.evaluate(
        "!!document.querySelector('.o_group_header:not(.o_group_open)')"
    ):
        browser.evaluate(
            "document.querySelector('.o_group_header:not(.o_group_open)')?.click()"
        )
        browser.wait_for(BACKEND_READY, "a group to unfold")
        time.sleep(0.3)


def take_backend_screenshots(browser, odoo, url, out, only=None):
    """The back office, as the administrator (a customer care manager)."""
    for shot in BACKEND_SHOTS:
        if not only or shot.name in only:
            backend(browser, odoo, url, shot)
            browser.screenshot(out / f"{shot.name}.png")


def take_pos_screenshots(browser, odoo, url, out):
    """The Guangzhou store's till: customers with their tier and expiring
    points, then an order of 王超 (Gold) with the points it earns."""
    config = odoo.ref("crm_fresh_loyalty_pos.pos_config_guangzhou_demo")
    session = odoo.call("pos.config", "read", [config], ["current_session_id"])[0][
        "current_session_id"
    ]
    if not session:
        odoo.call("pos.config", "open_ui", [config])
    try:
        browser.goto(
            f"{url}/pos/ui?config_id={config}",
            ready="!!document.querySelector('.screen-login, .product-screen')",
        )
        if browser.evaluate("!!document.querySelector('.screen-login')"):
            browser.click(".screen-login .open-register-btn")
        time.sleep(1)
        opening = "document.querySelector('.modal .opening-notes-container')"
        if browser.evaluate(f"!!{opening}"):
            browser.click(".modal .modal-footer .btn-primary")
            browser.wait_for(f"!{opening}", "the register to open")
        browser.wait_for("!!document.querySelector('.product-screen')", "the till")
        browser.click(".product-screen .set-partner")
        browser.type(".modal input", "杨")
        browser.wait_for(
            "[...document.querySelectorAll('.modal .partner-list b')]"
            ".every(b => b.innerText.includes('杨'))",
            "the customers named 杨",
        )
        browser.screenshot(out / "pos-customers.png")
        browser.evaluate("document.querySelector('.modal input').value = ''")
        browser.type(".modal input", "王超")
        browser.click(".modal .partner-list b", "王超")
        for product in ("apples", "salmon", "milk"):
            variant = odoo.ref(f"crm_fresh_loyalty.product_fresh_{product}_demo")
            template = odoo.call(
                "product.product", "read", [variant], ["product_tmpl_id"]
            )
            card = template[0]["product_tmpl_id"][0]
            browser.click(f"article.product[data-product-id='{card}']")
        browser.wait_for(
            "!!document.querySelector('.crm-order-membership .crm-tier-badge')",
            "the membership of the order",
        )
        browser.screenshot(out / "pos-order.png")
    finally:
        # Leave the store as it was: no order left open, the session closed
        # if it was opened here.
        current = odoo.call("pos.config", "read", [config], ["current_session_id"])[0][
            "current_session_id"
        ]
        if current:
            drafts = odoo.call(
                "pos.order",
                "search",
                [("session_id", "=", current[0]), ("state", "=", "draft")],
            )
            if drafts:
                odoo.call("pos.order", "unlink", drafts)
            if not session:
                odoo.call(
                    "pos.session", "action_pos_session_closing_control", [current[0]]
                )


def take_portal_screenshots(browser, url, db, out):
    """杨欣怡's My Membership page (portal user xinyi)."""
    login(browser, url, db, "xinyi", "xinyi")
    browser.goto(
        f"{url}/my/membership", ready="!!document.querySelector('.o_crm_membership')"
    )
    browser.screenshot(out / "portal-membership.png")


def use_language(odoo, lang, logins):
    """Show the screens in the language: installed when missing (as
    Settings > Languages does, on the websites too), made the language of the
    users shown. Returns their languages before, to restore them."""
    languages = odoo.call(
        "res.lang",
        "search_read",
        [("code", "=", lang)],
        fields=["active"],
        context={"active_test": False},
    )
    if not languages:
        raise RuntimeError(f"{lang} is not a language of Odoo")
    language = languages[0]["id"]
    if not languages[0]["active"]:
        wizard = odoo.call(
            "base.language.install", "create", {"lang_ids": [[6, 0, [language]]]}
        )
        odoo.call("base.language.install", "lang_install", [wizard])
    if odoo.call("ir.model", "search_count", [("model", "=", "website")]):
        websites = odoo.call("website", "search", [])
        odoo.call("website", "write", websites, {"language_ids": [[4, language]]})
    users = odoo.call(
        "res.users", "search_read", [("login", "in", logins)], fields=["lang"]
    )
    for user in users:
        odoo.call("res.users", "write", [user["id"]], {"lang": lang})
    return {user["id"]: user["lang"] for user in users}


def restore_languages(odoo, languages):
    for user, lang in languages.items():
        odoo.call("res.users", "write", [user], {"lang": lang})


def wait_for_server(url):
    deadline = time.monotonic() + 300
    while True:
        try:
            with urllib.request.urlopen(f"{url}/web/health", timeout=5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--url", required=True, help="the Odoo server, e.g. http://127.0.0.1:8169"
    )
    parser.add_argument("--db", required=True, help="a demo database of the suite")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "images")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument(
        "--lang",
        default="zh_CN",
        help="the language of the screens (default zh_CN, a Chinese shop's); the "
        "users shown have it for the time of the run",
    )
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument(
        "--only",
        nargs="*",
        help="take only these screenshots (file names without .png)",
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    wait_for_server(args.url)
    odoo = Odoo(args.url, args.db, args.login, args.password)
    languages = use_language(odoo, args.lang, [args.login, "xinyi"])
    browser = Chromium(args.chromium)
    try:
        login(browser, args.url, args.db, args.login, args.password)
        take_backend_screenshots(browser, odoo, args.url, args.out, args.only)
        if not args.only or {"pos-customers", "pos-order"} & set(args.only):
            take_pos_screenshots(browser, odoo, args.url, args.out)
        if not args.only or "portal-membership" in args.only:
            take_portal_screenshots(browser, args.url, args.db, args.out)
    finally:
        browser.close()
        restore_languages(odoo, languages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
