# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the benchmark measures, and the goal of each measure.

A measure is a function of a :class:`Context` (environment, reference date,
dataset marker); ``run.py`` times the call (and the flush of what it left
pending) in a fresh process, inside a transaction it rolls back, then asks its
report, untimed, what the call did. A measure whose
figure is not the time of the call (a median per call, a throughput, a
number of queries) returns it as ``value``. ``prepare`` functions create
what a measure works on, before the timing.
"""

import os
import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dataset import CARE_MANAGER_LOGIN, CITIES

GOAL_RSS_MB = 1024.0
DUPLICATE_CHECK_CALLS = 200
POS_SYNC_ORDERS = 100
POS_CARD_CALLS = 20
BENCH_TAG_RULES = [  # name, criteria
    ("Bench High value", {"window_months": 12, "min_spend": 5000.0}),
    ("Bench Dormant", {"min_days_since_purchase": 180}),
]


@dataclass(frozen=True)
class Goal:
    limit: float | None  # None: no goal but memory
    unit: str  # "s", "ms", "queries", "%"
    at_least: bool = False  # the figure must reach the limit (a ratio)

    def met(self, value):
        if self.limit is None:
            return True
        return value >= self.limit if self.at_least else value < self.limit

    def __str__(self):
        if self.limit is None:
            return "no time goal"
        return f"{'>=' if self.at_least else '<'} {self.limit:g} {self.unit}"


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    function: Callable
    goal: Goal
    prepare: Callable | None = None
    # With ``combine``, each run measures the database without the suite, then
    # the one with it; ``combine(with_suite, without)`` makes the run's result.
    combine: Callable | None = None
    # Paired: one process opens both databases; the context of the one
    # without the suite is ``ctx.without``.
    paired: bool = False
    # Converts the figure of a run to the unit of the goal (seconds by default).
    scale: float = 1.0
    # What the run did, counted after the timing (``report(ctx) -> dict``).
    reporter: list = field(default_factory=list)


@dataclass
class Context:
    env: object  # superuser environment
    marker: dict
    today: date = field(init=False)

    def __post_init__(self):
        self.today = date.fromisoformat(self.marker["reference_date"])

    def user_env(self, login="admin"):
        """The environment of a user, for what users do in the client; None
        when the database has no such user."""
        user = self.env["res.users"].search([("login", "=", login)])
        return self.env(user=user.id) if user else None

    @property
    def program(self):
        return self.env["loyalty.program"].browse(self.marker["program_id"])

    @property
    def company(self):
        return self.env.company


MEASURES = {}


def measure(key, label, goal, prepare=None, combine=None, paired=False, scale=1.0):
    """Register ``function(ctx)`` as a measure: the timed call, returning its
    details (or nothing); ``function.report`` registers what counts its work
    afterwards, untimed."""

    def register(function):
        entry = MEASURES[key] = Measure(
            key, label, function, goal, prepare, combine, paired, scale
        )

        def report(reporter):
            entry.reporter.append(reporter)
            return reporter

        function.report = report
        return function

    return register


def seconds(limit):
    return Goal(limit, "s")


# The goals of the benchmark issue (#10); the crons of the membership core
# keep theirs (#4: under 30 s each); the first run of tag rules and value
# categories and the steps of the nightly run have none of their own (the
# nightly run as a whole has).
MEMBERSHIP_GOAL = seconds(30.0)
NO_GOAL = seconds(None)


# ----------------------------------------------------------------------
# Membership (crm_fresh_loyalty)
# ----------------------------------------------------------------------


@measure(
    "tier_candidates_query",
    "Tier candidates query (the set-wise SQL of the daily tier evaluation)",
    MEMBERSHIP_GOAL,
)
def tier_candidates_query(ctx):
    rows = ctx.program._crm_tier_candidates(today=ctx.today)
    return {"candidate_rows": len(rows)}


def _reset_tiers(ctx):
    """The worst case: no member has a tier yet, every one that qualifies is
    upgraded (with its tier history line and upgrade message)."""
    ctx.env.cr.execute(
        "UPDATE loyalty_card SET crm_tier_id = NULL, crm_tier_at_risk_since = NULL"
        " WHERE program_id = %s",
        [ctx.program.id],
    )
    ctx.env.invalidate_all()


@measure(
    "tier_evaluation",
    "Tier evaluation of every card, from cards without a tier",
    MEMBERSHIP_GOAL,
    prepare=_reset_tiers,
)
def tier_evaluation(ctx):
    ctx.history = ctx.program._crm_evaluate_tiers(allow_downgrade=True, today=ctx.today)


@tier_evaluation.report
def _tier_evaluation_report(ctx):
    by_tier = {}
    for line in ctx.history:
        by_tier[line.to_tier_id.name] = by_tier.get(line.to_tier_id.name, 0) + 1
    return {"cards_changed_tier": len(ctx.history), "by_tier": by_tier}


@measure(
    "points_expiry",
    "Points expiry (the cron's path, batches of 1,000 cards)",
    MEMBERSHIP_GOAL,
)
def points_expiry(ctx):
    ctx.batches = []
    ctx.expired = ctx.env["loyalty.card"]._crm_expire_points(
        today=ctx.today,
        progress=lambda done, remaining: ctx.batches.append(done) or True,
    )


@points_expiry.report
def _points_expiry_report(ctx):
    ctx.env.cr.execute(
        "SELECT count(*), SUM(used) FROM loyalty_history"
        " WHERE crm_move_type = 'expired' AND create_date >= %s",
        [ctx.env.cr.now()],
    )
    lines, points = ctx.env.cr.fetchone()
    return {
        "cards_expired": len(ctx.expired),
        "expired_lines": lines,
        "points_expired": points,
        "batches": len(ctx.batches),
    }


def _create_tag_rules(ctx):
    ctx.rules = ctx.env["crm.tag.rule"]
    for name, criteria in BENCH_TAG_RULES:
        tag = ctx.env["res.partner.category"].create({"name": name})
        ctx.rules |= ctx.rules.create({"name": name, "tag_id": tag.id, **criteria})


@measure(
    "tag_rule_evaluation",
    "Tag rules (high value, dormant), first run from untagged customers",
    NO_GOAL,
    prepare=_create_tag_rules,
)
def tag_rule_evaluation(ctx):
    ctx.added, ctx.removed = ctx.rules._crm_apply(today=ctx.today)


@tag_rule_evaluation.report
def _tag_rule_report(ctx):
    ctx.env.cr.execute(
        "SELECT c.name->>'en_US', count(*)"
        " FROM res_partner_res_partner_category_rel r"
        " JOIN res_partner_category c ON c.id = r.category_id"
        " WHERE c.id = ANY(%s) GROUP BY c.name",
        [ctx.rules.tag_id.ids],
    )
    return {
        "rules": len(ctx.rules),
        "tags_added": ctx.added,
        "tags_removed": ctx.removed,
        "by_tag": dict(ctx.env.cr.fetchall()),
    }


@measure(
    "value_category_evaluation",
    "Value categories, first run from customers without a category",
    NO_GOAL,
)
def value_category_evaluation(ctx):
    ctx.changed = ctx.env["crm.value.category"]._crm_evaluate(today=ctx.today)


@value_category_evaluation.report
def _value_category_report(ctx):
    by_category = {
        category.name: count
        for category, count in ctx.env["res.partner"]._read_group(
            [("crm_value_category_id", "!=", False)],
            ["crm_value_category_id"],
            ["__count"],
        )
    }
    return {"customers_changed": ctx.changed, "by_category": by_category}


# ----------------------------------------------------------------------
# Analytics (crm_analytics, crm_analytics_aftersales)
# ----------------------------------------------------------------------


def _analytics_counts(ctx):
    ctx.env.cr.execute(
        """
        SELECT
          (SELECT count(*) FROM crm_customer_analytics),
          (SELECT count(*) FROM crm_customer_analytics WHERE r_score IS NOT NULL),
          (SELECT count(*) FROM crm_rfm_history),
          (SELECT count(*) FROM crm_customer_analytics
            WHERE lifecycle_stage = 'churn_warning'),
          (SELECT count(*) FROM crm_retention_episode),
          (SELECT count(*) FROM crm_product_association),
          (SELECT count(*) FROM crm_product_recommendation),
          (SELECT count(*) FROM crm_kpi_snapshot)
        """
    )
    keys = (
        "analytics_rows",
        "scored_customers",
        "history_rows",
        "churn_warnings",
        "episodes",
        "rules",
        "recommendations",
        "kpi_rows",
    )
    return dict(zip(keys, ctx.env.cr.fetchone(), strict=True))


def _compute_rfm(ctx):
    ctx.env["crm.customer.analytics"]._step_rfm(ctx.company, ctx.today)


@measure("rfm", "RFM scores and segments of every customer", seconds(3.0))
def rfm(ctx):
    _compute_rfm(ctx)


rfm.report(_analytics_counts)


@measure(
    "rfm_history",
    "This month's segments kept in the history (after RFM)",
    NO_GOAL,
    prepare=_compute_rfm,
)
def rfm_history(ctx):
    ctx.env["crm.customer.analytics"]._step_history(ctx.company, ctx.today)


rfm_history.report(_analytics_counts)


@measure(
    "lifecycle",
    "Lifecycle stages and churn warnings (after RFM)",
    NO_GOAL,
    prepare=_compute_rfm,
)
def lifecycle(ctx):
    ctx.env["crm.customer.analytics"]._step_lifecycle(ctx.company, ctx.today)


@lifecycle.report
def _lifecycle_report(ctx):
    counts = _analytics_counts(ctx)
    ctx.env.cr.execute(
        "SELECT lifecycle_stage, count(*) FROM crm_customer_analytics GROUP BY 1"
    )
    return {**counts, "by_stage": dict(ctx.env.cr.fetchall())}


def _purchase_summary(ctx):
    """The per-customer summary the value model is fitted on (the SQL half of
    the value step), kept on the context for the fit."""
    import numpy

    analytics = ctx.env["crm.customer.analytics"]
    analytics._crm_flush_sources()
    ctx.env.cr.execute(analytics._crm_purchase_summary_sql(ctx.company, ctx.today))
    ctx.purchase_summary = numpy.array(ctx.env.cr.fetchall(), dtype=float).reshape(
        -1, 5
    )


@measure(
    "clv_fit",
    "Customer value model (BG/NBD and Gamma-Gamma) fitted on every customer",
    seconds(5.0),
    prepare=_purchase_summary,
)
def clv_fit(ctx):
    _partner_ids, x, t_x, age, value = ctx.purchase_summary.T
    ctx.clv_model = ctx.env["crm.clv.model"]._crm_fit(
        ctx.company, ctx.today, x, t_x, age, x, value
    )


@clv_fit.report
def _clv_fit_report(ctx):
    model = ctx.clv_model
    return {
        "customers": len(ctx.purchase_summary),
        "state": model.state or "no model",
        "repeat_buyers": model.repeat_customer_count,
        "log_likelihood": round(model.log_likelihood, 1),
    }


@measure(
    "value",
    "Customer value step: summary, fit, predictions and value classes (after RFM)",
    NO_GOAL,
    prepare=_compute_rfm,
)
def value(ctx):
    ctx.env["crm.customer.analytics"]._step_value(ctx.company, ctx.today)


@value.report
def _value_report(ctx):
    ctx.env.cr.execute(
        "SELECT count(*) FILTER (WHERE clv_model_id IS NOT NULL),"
        " round(sum(predicted_value)::numeric, 0)"
        " FROM crm_customer_analytics WHERE company_id = %s",
        [ctx.company.id],
    )
    predicted, total = ctx.env.cr.fetchone()
    return {"predicted_customers": predicted, "predicted_value": float(total or 0)}


@measure(
    "kpi_snapshot",
    "KPI snapshot of the day (customers, loyalty, complaints, returns, satisfaction)",
    NO_GOAL,
)
def kpi_snapshot(ctx):
    ctx.env["crm.kpi.snapshot"]._crm_snapshot(ctx.company, ctx.today)


@kpi_snapshot.report
def _kpi_snapshot_report(ctx):
    ctx.env.cr.execute(
        "SELECT kpi, round(value::numeric, 2) FROM crm_kpi_snapshot"
        " WHERE channel = 'all' AND date = %s ORDER BY kpi",
        [ctx.today],
    )
    return {"all_channels": {kpi: float(value) for kpi, value in ctx.env.cr.fetchall()}}


@measure(
    "nightly",
    "Nightly run of crm_analytics (RFM, history, lifecycle, retention, value,"
    " cross-sell, KPIs)",
    seconds(60.0),
)
def nightly(ctx):
    ctx.env["crm.customer.analytics"]._crm_recompute(ctx.company, ctx.today)


nightly.report(_analytics_counts)


# ----------------------------------------------------------------------
# What users do: POS sync, customer form, duplicate check
# ----------------------------------------------------------------------


def _pos_orders(ctx):
    """The orders the POS sends, as its UI builds them (see
    ``point_of_sale.tests.common.create_ui_order_data``): one customer with a
    card each, three lines, paid cash."""
    env = ctx.admin_env = ctx.user_env()
    config = env["pos.config"].browse(ctx.marker["pos_config_id"])
    session = config.current_session_id
    cash = (
        config.payment_method_ids.filtered("is_cash_count")[:1]
        or (config.payment_method_ids[:1])
    )
    products = env["product.product"].search([("name", "like", "Bench %")], order="id")
    env.cr.execute(
        "SELECT partner_id, id FROM loyalty_card WHERE program_id = %s ORDER BY id",
        [ctx.marker["program_id"]],
    )
    cards = env.cr.fetchall()
    step = max(len(cards) // POS_SYNC_ORDERS, 1)
    orders = []
    for index, (partner_id, card_id) in enumerate(cards[::step][:POS_SYNC_ORDERS]):
        lines = []
        for offset in range(3):
            product = products[(index + offset) % len(products)]
            qty = 1 + (index + offset) % 3
            lines.append(
                (
                    0,
                    0,
                    {
                        "id": index * 10 + offset,
                        "uuid": str(uuid.uuid4()),
                        "pack_lot_ids": [],
                        "product_id": product.id,
                        "price_unit": product.lst_price,
                        "price_subtotal": product.lst_price * qty,
                        "price_subtotal_incl": product.lst_price * qty,
                        "qty": qty,
                        "tax_ids": [(6, 0, [])],
                        "full_product_name": product.name,
                    },
                )
            )
        total = sum(line[2]["price_subtotal_incl"] for line in lines)
        order_uuid = str(uuid.uuid4())
        orders.append(
            (
                {
                    "uuid": order_uuid,
                    "name": f"Order {order_uuid}",
                    "session_id": session.id,
                    "partner_id": partner_id,
                    "user_id": env.uid,
                    "pricelist_id": config.pricelist_id.id,
                    "fiscal_position_id": False,
                    "date_order": env["pos.order"]
                    ._fields["date_order"]
                    .to_string(env.cr.now()),
                    "lines": lines,
                    "payment_ids": [
                        (
                            0,
                            0,
                            {
                                "amount": total,
                                "name": env.cr.now(),
                                "payment_method_id": cash.id,
                            },
                        )
                    ],
                    "amount_paid": total,
                    "amount_total": total,
                    "amount_tax": 0.0,
                    "amount_return": 0.0,
                    "to_invoice": False,
                    "state": "paid",
                    "last_order_preparation_change": "{}",
                },
                # What the POS confirms once the order is synced: the points
                # of the program's rule (1 per unit of currency) on the card.
                {
                    str(card_id): {
                        "points": total,
                        "program_id": ctx.marker["program_id"],
                        "coupon_id": card_id,
                        "barcode": False,
                    }
                },
            )
        )
    ctx.pos_orders = orders


def _pos_orders_both(ctx):
    _pos_orders(ctx)
    _pos_orders(ctx.without)


def _sync_order(env, order, coupon_data):
    """One order as the POS sends it: ``sync_from_ui``, then
    ``confirm_coupon_programs``; each request flushed with its precommit
    hooks, and its cache dropped."""
    result = env["pos.order"].sync_from_ui([order])
    env.cr.flush()
    env.invalidate_all()
    pos_order = env["pos.order"].browse(result["pos.order"][0]["id"])
    pos_order.confirm_coupon_programs(coupon_data)
    env.cr.flush()
    env.invalidate_all()


_BACKEND_STATS = {}  # cursor connection: /proc stat file of its backend


def cpu_seconds(cr):
    """CPU time of this process and of the cursor's PostgreSQL backend (from
    /proc, when PostgreSQL runs on this machine), less sensitive than the
    wall clock to the other processes of a shared machine."""
    key = id(cr._cnx)
    if key not in _BACKEND_STATS:
        cr.execute("SELECT pg_backend_pid()")
        _BACKEND_STATS[key] = Path(f"/proc/{cr.fetchone()[0]}/stat")
    stat = _BACKEND_STATS[key]
    backend = 0.0
    if stat.exists():
        fields = stat.read_text().rsplit(")", 1)[1].split()
        backend = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return time.process_time() + backend


@measure(
    "pos_sync",
    "POS order sync with loyalty, throughput with the suite / without it",
    Goal(90.0, "%", at_least=True),
    prepare=_pos_orders_both,
    paired=True,
)
def pos_sync(ctx):
    """The same orders (customers, products, points) synced in turn in the
    database without the suite and in the one with it, as the
    administrator: alternating order by order, both see the same load."""
    sides = {"without_suite": ctx.without, "with_suite": ctx}
    totals = {key: {"wall": 0.0, "cpu": 0.0, "queries": 0} for key in sides}
    for index in range(len(ctx.pos_orders)):
        for key, side in sides.items():
            env = side.admin_env
            order, coupon_data = side.pos_orders[index]
            queries, cpu = env.cr.sql_log_count, cpu_seconds(env.cr)
            start = time.perf_counter()
            _sync_order(env, order, coupon_data)
            totals[key]["wall"] += time.perf_counter() - start
            totals[key]["cpu"] += cpu_seconds(env.cr) - cpu
            totals[key]["queries"] += env.cr.sql_log_count - queries
    orders = len(ctx.pos_orders)
    details = {"orders": orders}
    for key, side in sides.items():
        side.env.cr.execute(
            "SELECT count(*) FROM pos_order"
            " WHERE uuid = ANY(%s) AND state IN ('paid', 'done')",
            [[order["uuid"] for order, _coupons in side.pos_orders]],
        )
        details[key] = {
            "orders_per_s": round(orders / totals[key]["wall"], 2),
            "cpu_ms_per_order": round(1000 * totals[key]["cpu"] / orders, 1),
            "queries_per_order": round(totals[key]["queries"] / orders, 1),
            "orders_paid": side.env.cr.fetchone()[0],
        }
    return {
        "value": 100.0 * totals["without_suite"]["wall"] / totals["with_suite"]["wall"],
        "cpu_ratio": round(
            100.0 * totals["without_suite"]["cpu"] / totals["with_suite"]["cpu"], 1
        ),
        **details,
    }


def form_specification(env, model, arch):
    """The specification the web client sends to ``web_read`` for a form:
    every field of the view; display names of many2one; the fields of the
    list or kanban of an x2many, limited to 40 records."""
    from lxml import etree

    fields_info = env[model].fields_get(attributes=["type", "relation"])

    def spec_of(node, model_fields, comodel):
        spec = {}
        for child in node.iterchildren():
            if not isinstance(child.tag, str):
                continue
            if child.tag == "field":
                name = child.get("name")
                info = model_fields.get(name)
                if info is None:
                    continue
                ftype = info["type"]
                sub = {}
                if ftype == "many2one":
                    sub = {"fields": {"display_name": {}}}
                elif ftype in ("one2many", "many2many"):
                    relation = env[info["relation"]]
                    rel_fields = relation.fields_get(attributes=["type", "relation"])
                    views = [v for v in child if v.tag in ("list", "kanban")]
                    if views:
                        sub = {
                            "fields": spec_of(views[0], rel_fields, relation),
                            "limit": 40,
                        }
                    else:  # tags and the like
                        sub = {"fields": {"display_name": {}}}
                spec[name] = {**spec.get(name, {}), **sub}
            else:
                for name, sub in spec_of(child, model_fields, comodel).items():
                    spec[name] = {**spec.get(name, {}), **sub}
        return spec

    return spec_of(etree.fromstring(arch), fields_info, env[model])


def _form_customers(ctx):
    """The customer of the large history and one without any; the form's
    views and reads of both done first for each user, each read from an
    empty record cache, as earlier requests of the web client would have
    (views, access rules, translations)."""
    env = ctx.env
    partners = env["res.partner"].with_context(active_test=False)
    ctx.big = partners.search([("ref", "=", "BENCH-1")])
    env.cr.execute(
        """
        SELECT p.id FROM res_partner p
         WHERE p.ref LIKE 'BENCH-%%'
           AND NOT EXISTS (SELECT 1 FROM sale_order s WHERE s.partner_id = p.id)
           AND NOT EXISTS (SELECT 1 FROM pos_order o WHERE o.partner_id = p.id)
      ORDER BY p.id LIMIT 1
        """
    )
    ctx.small = partners.browse(env.cr.fetchone()[0])
    # The suite's customer care manager (what the goal is about), and the
    # administrator, who sees every app's fields (with and without the suite).
    ctx.form_users = {}
    for key, login in (("care_manager", CARE_MANAGER_LOGIN), ("admin", "admin")):
        user_env = ctx.user_env(login)
        if not user_env:
            continue
        arch = user_env["res.partner"].get_views([[False, "form"]])["views"]["form"][
            "arch"
        ]
        spec = form_specification(user_env, "res.partner", arch)
        for partner in (ctx.big, ctx.small, ctx.big):
            user_env.invalidate_all()
            partner.with_env(user_env).with_context(bin_size=True).web_read(spec)
        ctx.form_users[key] = (user_env, spec)


def _combine_forms(with_suite, without):
    return {
        **with_suite,
        "admin_without_suite": without["admin"],
        "fields_read_by_admin_without_suite": without["fields_read"]["admin"],
    }


@measure(
    "form_queries",
    "Customer form of the large history, as a customer care manager "
    "(queries of web_read with the form's fields)",
    Goal(40, "queries"),
    prepare=_form_customers,
    combine=_combine_forms,
)
def form_queries(ctx):
    found = {}
    for key, (user_env, spec) in ctx.form_users.items():
        found[key] = {}
        for size, partner in (("large_history", ctx.big), ("no_history", ctx.small)):
            user_env.invalidate_all()
            count = user_env.cr.sql_log_count
            start = time.perf_counter()
            partner.with_env(user_env).with_context(bin_size=True).web_read(spec)
            found[key][size] = {
                "queries": user_env.cr.sql_log_count - count,
                "ms": round(1000 * (time.perf_counter() - start), 1),
            }
    ctx.env.cr.execute(
        """
        SELECT (SELECT count(*) FROM sale_order WHERE partner_id = %(p)s),
               (SELECT count(*) FROM pos_order WHERE partner_id = %(p)s),
               (SELECT count(*) FROM helpdesk_ticket WHERE partner_id = %(p)s),
               (SELECT count(*) FROM rma WHERE partner_id = %(p)s),
               (SELECT count(*) FROM loyalty_history h
                  JOIN loyalty_card c ON c.id = h.card_id
                 WHERE c.partner_id = %(p)s)
        """,
        {"p": ctx.big.id},
    )
    history = dict(
        zip(
            ("sale_orders", "pos_orders", "tickets", "returns", "ledger_lines"),
            ctx.env.cr.fetchone(),
            strict=True,
        )
    )
    user = "care_manager" if "care_manager" in found else "admin"
    return {
        "value": max(run["queries"] for run in found[user].values()),
        "seconds": found[user]["large_history"]["ms"] / 1000,
        **found,
        "large_history_size": history,
        "fields_read": {key: len(spec) for key, (_env, spec) in ctx.form_users.items()},
    }


@measure(
    "duplicate_check",
    "Duplicate warning of a new customer against every customer (per call)",
    Goal(50.0, "ms"),
    scale=1000.0,
)
def duplicate_check(ctx):
    """The warning of a new customer, as the form computes it while typing.

    Every other call matches an existing customer (same phone, email or name
    and city, in turn); the others match nobody. The figure is the median
    call.
    """
    env = ctx.user_env(CARE_MANAGER_LOGIN)
    customers = env["res.partner"].search_count([("ref", "like", "BENCH-%")])
    calls = []
    found = 0
    for index in range(DUPLICATE_CHECK_CALLS):
        g = 1 + (index * 7919) % customers
        values = {
            "name": f"New Customer {index}",
            "city": f"Bench City {g % CITIES}",
            "phone": f"+8614{g:09d}",
            "email": f"new{index}@bench.example.com",
        }
        if index % 2:
            key = ("phone", "email", "name")[(index // 2) % 3]
            values.update(
                {
                    "phone": {"phone": f"+8613{g:09d}"},
                    "email": {"email": f"customer{g}@bench.example.com"},
                    "name": {"name": f"bench customer {g}"},
                }[key]
            )
        env.invalidate_all()
        start = time.perf_counter()
        warning = env["res.partner"].new(values).crm_duplicate_warning
        calls.append(time.perf_counter() - start)
        found += bool(warning)
    calls.sort()
    return {
        "value": statistics.median(calls),
        "calls": len(calls),
        "warnings": found,
        "p95_ms": round(1000 * calls[int(len(calls) * 0.95)], 2),
        "max_ms": round(1000 * calls[-1], 2),
    }


def _pos_card_customer(ctx):
    """The customer of the large history (orders of every channel, tickets,
    returns, ledger) and the till; one call first, as the POS session's
    earlier requests would have warmed the registry and access rules."""
    ctx.big = (
        ctx.env["res.partner"]
        .with_context(active_test=False)
        .search([("ref", "=", "BENCH-1")])
    )
    ctx.pos_config_id = ctx.marker["pos_config_id"]
    ctx.big.with_env(ctx.user_env()).crm_pos_customer_card(ctx.pos_config_id)


@measure(
    "pos_customer_card",
    "Till's customer card of the large history on customer selection (per call)",
    Goal(200.0, "ms"),
    prepare=_pos_card_customer,
    scale=1000.0,
)
def pos_customer_card(ctx):
    """``res.partner.crm_pos_customer_card``, the one call of the POS when
    the cashier selects a customer, as the administrator, each from an empty
    record cache. The figure is the median call."""
    env = ctx.user_env()
    partner = ctx.big.with_env(env)
    calls = []
    for _index in range(POS_CARD_CALLS):
        env.invalidate_all()
        start = time.perf_counter()
        card = partner.crm_pos_customer_card(ctx.pos_config_id)
        calls.append(time.perf_counter() - start)
    calls.sort()
    return {
        "value": statistics.median(calls),
        "calls": len(calls),
        "max_ms": round(1000 * calls[-1], 2),
        "card": {
            key: len(value) if isinstance(value, list) else value
            for key, value in card.items()
        },
    }


# The comparisons with Odoo without the suite first, while both databases are
# as fresh as each other; then what users do, then the batch jobs.
ORDER = (
    "pos_sync",
    "form_queries",
    "duplicate_check",
    "pos_customer_card",
    "tier_candidates_query",
    "tier_evaluation",
    "points_expiry",
    "tag_rule_evaluation",
    "value_category_evaluation",
    "rfm",
    "rfm_history",
    "lifecycle",
    "clv_fit",
    "value",
    "kpi_snapshot",
    "nightly",
)
MEASURES = {key: MEASURES[key] for key in ORDER}
