# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the membership core of crm_fresh_loyalty.

Measures, on a generated dataset (100,000 customers, 1,000,000 sale order lines,
1,000,000 points ledger lines by default):

- ``tier_candidates_query``: ``loyalty.card._crm_tier_candidates(program)`` alone;
- ``tier_evaluation``: ``loyalty.card._crm_evaluate_tiers(program,
  allow_downgrade=True)`` over all cards, from cards without a tier;
- ``points_expiry``: ``loyalty.card._crm_expire_points()``, the cron's path: the
  due cards found once, then expired in batches of 1,000 (without the cron's
  commit after each batch);
- ``duplicate_check``: the duplicate warning of a new customer (an unsaved
  ``res.partner.new()`` record, as the form computes it) against all customers,
  timed per call over many calls.
- ``tag_rule_evaluation``: ``crm.tag.rule._crm_apply()`` of two rules ("high
  value", "dormant") created before the timing, from customers without tags;
- ``value_category_evaluation``: ``crm.value.category._crm_evaluate()`` with
  the default categories, from customers without a category.

Every run is a fresh process (fresh registry and ORM cache) and a fresh
transaction that is rolled back, so all runs start from the same data. See
README.md next to this file for the command and the results.
"""

import argparse
import functools
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RESULTS = HERE / "results.json"
EXPLAIN = HERE / "explain.md"
MODULE = "crm_fresh_loyalty"
DB_PREFIX = "crm_bench"
MARKER_KEY = "crm_bench.dataset"
SEED = 0.42
GOAL_SECONDS = 30.0
GOAL_RSS_MB = 1024.0
MEASURES = (
    "tier_candidates_query",
    "tier_evaluation",
    "points_expiry",
    "duplicate_check",
    "tag_rule_evaluation",
    "value_category_evaluation",
)
# Goals other than GOAL_SECONDS, per measure (duplicate_check: per call).
MEASURE_GOALS = {"duplicate_check": 0.05}
DUPLICATE_CHECK_CALLS = 200
CITIES = 50
BENCH_TAG_RULES = [  # name, criteria
    ("Bench High value", {"window_months": 12, "min_spend": 5000.0}),
    ("Bench Dormant", {"min_days_since_purchase": 180}),
]
PROGRAM_NAME = "Bench Membership"
TIERS = [  # name, sequence, qualify_spend, keep_spend
    ("Silver", 10, 1000.0, 800.0),
    ("Gold", 20, 5000.0, 4000.0),
    ("Platinum", 30, 20000.0, 16000.0),
]
# Average unit price of a line by customer segment (share of the customers):
# 50% small buyers, 30% around Silver, 15% around Gold, 5% around Platinum.
SEGMENT_SQL = """CASE WHEN g %% 20 < 10 THEN 0 WHEN g %% 20 < 16 THEN 1
                      WHEN g %% 20 < 19 THEN 2 ELSE 3 END"""
UNIT_PRICE_SQL = """CASE o.segment WHEN 0 THEN 8 WHEN 1 THEN 100
                                   WHEN 2 THEN 400 ELSE 1500 END"""


def log(message):
    sys.stdout.write(f"[{datetime.now():%H:%M:%S}] {message}\n")
    sys.stdout.flush()


def rss_mb():
    """Peak resident set size of this process so far (ru_maxrss is in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


@functools.cache
def addons_path():
    """Like ``addons_path`` of bin/_common.sh: the repo's addons, then Odoo's."""
    import odoo.addons

    paths = [os.path.abspath(p) for p in odoo.addons.__path__ if os.path.isdir(p)]
    return ",".join(dict.fromkeys([str(ROOT / "addons"), *paths]))


def git_commit():
    try:
        return subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def git_dirty():
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "addons/" + MODULE],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return bool(out.strip())


# ----------------------------------------------------------------------
# Odoo setup
# ----------------------------------------------------------------------


def odoo_config(db):
    from odoo.tools import config

    config.parse_config(
        [
            "-d",
            db,
            "--addons-path",
            addons_path(),
            "--no-http",
            "--log-level",
            "warn",
            "--max-cron-threads",
            "0",
        ],
        setup_logging=True,
    )


def open_registry(db):
    odoo_config(db)
    from odoo.modules.registry import Registry

    return Registry(db)


def admin_connection(dbname="postgres"):
    """A plain autocommit psycopg2 connection (database creation, VACUUM)."""
    import psycopg2

    from odoo.sql_db import connection_info_for

    _name, info = connection_info_for(dbname)
    info.pop("application_name", None)
    cnx = psycopg2.connect(**info)
    cnx.autocommit = True
    return cnx


def database_state(db):
    """(exists, module installed, dataset marker or None)."""
    with admin_connection() as cnx, cnx.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
        exists = bool(cr.fetchone())
    cnx.close()
    if not exists:
        return False, False, None
    cnx = admin_connection(db)
    try:
        with cnx.cursor() as cr:
            cr.execute("SELECT state FROM ir_module_module WHERE name = %s", [MODULE])
            row = cr.fetchone()
            installed = bool(row) and row[0] == "installed"
            marker = None
            if installed:
                cr.execute(
                    "SELECT value FROM ir_config_parameter WHERE key = %s",
                    [MARKER_KEY],
                )
                row = cr.fetchone()
                marker = json.loads(row[0]) if row else None
    finally:
        cnx.close()
    return True, installed, marker


def drop_database(db):
    cnx = admin_connection()
    try:
        with cnx.cursor() as cr:
            cr.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [db],
            )
            # An identifier cannot be a parameter: quote it as one.
            from psycopg2 import sql

            cr.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(db)))
    finally:
        cnx.close()


def install_database(db):
    cmd = [
        sys.executable,
        "-m",
        "odoo",
        "-d",
        db,
        "-i",
        MODULE,
        "--stop-after-init",
        "--no-http",
        "--log-level",
        "warn",
        "--addons-path",
        addons_path(),
    ]
    log(f"creating database {db}: {' '.join(cmd)}")
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT)
    log(f"database {db} installed in {time.perf_counter() - start:.1f} s")


# ----------------------------------------------------------------------
# Dataset
# ----------------------------------------------------------------------


def dataset_spec(args):
    return {
        "customers": args.customers,
        "orders": args.orders,
        "sale_order_lines": args.lines,
        "ledger_lines": args.ledger_lines,
        "seed": SEED,
        "partner_contacts": "phone email city",
    }


def create_orm_records(env):
    """Program, tiers and products: few records, through the ORM."""
    from odoo import Command

    program = env["loyalty.program"].create(
        {
            "name": PROGRAM_NAME,
            "program_type": "loyalty",
            "crm_points_expiry_months": 12,
            "crm_tier_window_months": 12,
            "crm_tier_ids": [
                Command.create(
                    {
                        "name": name,
                        "sequence": sequence,
                        "qualify_spend": qualify,
                        "keep_spend": keep,
                    }
                )
                for name, sequence, qualify, keep in TIERS
            ],
        }
    )
    products = env["product.product"].create(
        [
            {"name": name, "list_price": price, "type": "consu"}
            for name, price in [
                ("Bench Apples (kg)", 3.5),
                ("Bench Salmon (kg)", 24.0),
                ("Bench Lettuce", 1.2),
                ("Bench Strawberries (box)", 4.9),
                ("Bench Beef (kg)", 18.0),
                ("Bench Milk (l)", 1.1),
            ]
        ]
    )
    return program, products


def generate_dataset(registry, spec, ref_now):
    """Insert the dataset set-wise, in one transaction; return timings."""
    from odoo import SUPERUSER_ID
    from odoo.api import Environment
    from odoo.tools import SQL

    timings = {}
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        program, products = create_orm_records(env)
        env.flush_all()
        company = program.company_id or env.company
        params = {
            "program": program.id,
            "company": company.id,
            "currency": company.currency_id.id,
            "customers": spec["customers"],
            "orders": spec["orders"],
            "lines": spec["sale_order_lines"],
            "ledger": spec["ledger_lines"],
            "now": ref_now,
            "today": ref_now.date(),
            "n_products": len(products),
            "cities": CITIES,
            "product_ids": products.ids,
            "uom_ids": [p.uom_id.id for p in products],
            "product_names": [p.name for p in products],
        }

        def step(label, query):
            start = time.perf_counter()
            cr.execute(SQL(query, **params))
            timings[label] = round(time.perf_counter() - start, 2)
            log(f"  {label}: {cr.rowcount} rows in {timings[label]:.1f} s")

        # Bulk load: the rows are consistent by construction, so skip the
        # per-row foreign key triggers (superuser only, this transaction only).
        cr.execute(SQL("SET LOCAL session_replication_role = replica"))
        cr.execute(SQL("SELECT setseed(%s)", SEED))
        step(
            "temp tables",
            """
            CREATE TEMP TABLE bench_product ON COMMIT DROP AS
            SELECT (u.ord - 1)::int AS idx, u.product_id, u.uom_id, u.name
              FROM unnest(%(product_ids)s::int[], %(uom_ids)s::int[],
                          %(product_names)s::text[])
                   WITH ORDINALITY AS u(product_id, uom_id, name, ord);
            CREATE TEMP TABLE bench_partner (
                g int PRIMARY KEY, partner_id int NOT NULL, card_id int,
                segment int NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE bench_order (
                k int PRIMARY KEY, order_id int NOT NULL, partner_id int NOT NULL,
                segment int NOT NULL, date_order timestamp NOT NULL) ON COMMIT DROP;
            """,
        )
        step(
            "res_partner",
            f"""
            INSERT INTO bench_partner (g, partner_id, segment)
            SELECT g, nextval('res_partner_id_seq'), {SEGMENT_SQL}
              FROM generate_series(1, %(customers)s) g;
            INSERT INTO res_partner (
                id, commercial_partner_id, name, complete_name, ref, type, active,
                is_company, customer_rank, supplier_rank, autopost_bills, lang,
                partner_share, employee, color, message_bounce, company_id,
                phone, phone_sanitized, email, email_normalized, city,
                create_uid, write_uid, create_date, write_date)
            SELECT b.partner_id, b.partner_id, 'Bench Customer ' || b.g,
                   'Bench Customer ' || b.g, 'BENCH-' || b.g, 'contact', TRUE,
                   FALSE, 1, 0, 'ask', 'en_US', TRUE, FALSE, 0, 0, NULL,
                   '+8613' || lpad(b.g::text, 9, '0'),
                   '+8613' || lpad(b.g::text, 9, '0'),
                   'customer' || b.g || '@bench.example.com',
                   'customer' || b.g || '@bench.example.com',
                   'Bench City ' || (b.g %% %(cities)s),
                   1, 1, %(now)s, %(now)s
              FROM bench_partner b
          ORDER BY b.g;
            """,
        )
        step(
            "loyalty_card",
            """
            INSERT INTO loyalty_card (
                program_id, company_id, partner_id, code, points, active,
                create_uid, write_uid, create_date, write_date)
            SELECT %(program)s, %(company)s, b.partner_id,
                   'BENCH-' || lpad(b.g::text, 8, '0'), 0, TRUE,
                   1, 1, %(now)s, %(now)s
              FROM bench_partner b
          ORDER BY b.g;
            UPDATE bench_partner b SET card_id = c.id
              FROM loyalty_card c
             WHERE c.partner_id = b.partner_id AND c.program_id = %(program)s;
            """,
        )
        step(
            "sale_order",
            """
            INSERT INTO bench_order (k, order_id, partner_id, segment, date_order)
            SELECT s.k, nextval('sale_order_id_seq'), b.partner_id, b.segment,
                   s.date_order
              FROM (SELECT k, 1 + floor(random() * %(customers)s)::int AS g,
                           date_trunc('second', %(now)s::timestamp
                               - random() * interval '730 days') AS date_order
                      FROM generate_series(1, %(orders)s) k) s
              JOIN bench_partner b ON b.g = s.g;
            INSERT INTO sale_order (
                id, name, state, company_id, partner_id, partner_invoice_id,
                partner_shipping_id, currency_id, currency_rate, date_order,
                invoice_status, locked, require_signature, require_payment,
                prepayment_percent, amount_untaxed, amount_tax, amount_total,
                create_uid, write_uid, create_date, write_date)
            SELECT o.order_id, 'BENCH/' || lpad(o.k::text, 8, '0'), 'sale',
                   %(company)s, o.partner_id, o.partner_id, o.partner_id,
                   %(currency)s, 1.0, o.date_order, 'no', FALSE, FALSE, FALSE,
                   1.0, 0, 0, 0, 1, 1, o.date_order, o.date_order
              FROM bench_order o
          ORDER BY o.k;
            """,
        )
        step(
            "sale_order_line",
            f"""
            INSERT INTO sale_order_line (
                order_id, sequence, name, product_id, product_uom_id,
                product_uom_qty, price_unit, discount, price_subtotal, price_tax,
                price_total, price_reduce_taxexcl, price_reduce_taxinc,
                customer_lead, company_id, currency_id, order_partner_id, state,
                display_type, is_downpayment, is_expense, qty_delivered_method,
                invoice_status, qty_delivered, qty_invoiced, qty_to_invoice,
                untaxed_amount_invoiced, untaxed_amount_to_invoice,
                create_uid, write_uid, create_date, write_date)
            SELECT o.order_id, 10, p.name, p.product_id, p.uom_id, l.qty,
                   l.price, 0, l.price * l.qty, 0, l.price * l.qty, l.price,
                   l.price, 0, %(company)s, %(currency)s, o.partner_id, 'sale',
                   NULL, FALSE, FALSE, 'manual', 'no', 0, 0, 0, 0, 0,
                   1, 1, o.date_order, o.date_order
              FROM (SELECT j, 1 + (j - 1) %% %(orders)s AS k,
                           (1 + floor(random() * 5))::numeric AS qty,
                           floor(random() * %(n_products)s)::int AS pidx,
                           0.2 + random() * 1.6 AS factor
                      FROM generate_series(1, %(lines)s) j) l0
              JOIN bench_order o ON o.k = l0.k
              JOIN bench_product p ON p.idx = l0.pidx
             CROSS JOIN LATERAL (
                   SELECT l0.qty,
                          round((l0.factor * {UNIT_PRICE_SQL})::numeric, 2) AS price
                   ) l
          ORDER BY l0.j;
            UPDATE sale_order so
               SET amount_untaxed = t.total, amount_total = t.total
              FROM (SELECT order_id, SUM(price_subtotal) AS total
                      FROM sale_order_line GROUP BY order_id) t
             WHERE so.id = t.order_id;
            """,
        )
        step(
            "loyalty_history",
            """
            INSERT INTO loyalty_history (
                card_id, partner_id, description, order_model, order_id,
                crm_move_type, issued, used, crm_expiration_date,
                create_uid, write_uid, create_date, write_date)
            SELECT b.card_id, b.partner_id,
                   CASE WHEN s.earned THEN 'Bench purchase'
                        ELSE 'Bench redemption' END,
                   'sale.order', s.i,
                   CASE WHEN s.earned THEN 'earned' ELSE 'redeemed' END,
                   CASE WHEN s.earned THEN s.amount ELSE 0 END,
                   CASE WHEN s.earned THEN 0 ELSE 1 + floor(s.amount * 0.4) END,
                   CASE WHEN s.earned THEN s.expiry END,
                   1, 1, c.created, c.created
              FROM (SELECT i, 1 + (i - 1) %% %(customers)s AS g,
                           random() < 0.7 AS earned,
                           1 + floor(random() * 100) AS amount,
                           %(today)s::date - 365 + floor(random() * 730)::int
                               AS expiry,
                           random() AS t
                      FROM generate_series(1, %(ledger)s) i) s
              JOIN bench_partner b ON b.g = s.g
             CROSS JOIN LATERAL (
                   SELECT CASE WHEN s.earned
                               THEN s.expiry - interval '12 months'
                                    + s.t * interval '20 hours'
                               ELSE %(now)s::timestamp
                                    - s.t * interval '730 days'
                          END AS created
                   ) c
          ORDER BY s.i;
            """,
        )
        step(
            "balances",
            """
            WITH over AS (
                SELECT card_id, SUM(issued) AS issued, SUM(used) AS used
                  FROM loyalty_history
              GROUP BY card_id
                HAVING SUM(used) > SUM(issued)
            )
            UPDATE loyalty_history h
               SET used = floor(h.used * over.issued / over.used)
              FROM over
             WHERE h.card_id = over.card_id AND h.used > 0;
            UPDATE loyalty_card c
               SET points = t.balance
              FROM (SELECT card_id,
                           SUM(COALESCE(issued, 0) - COALESCE(used, 0)) AS balance
                      FROM loyalty_history GROUP BY card_id) t
             WHERE c.id = t.card_id AND c.program_id = %(program)s;
            """,
        )
        env["ir.config_parameter"].set_param(
            MARKER_KEY,
            json.dumps(
                {
                    **spec,
                    "program_id": program.id,
                    "reference_date": str(ref_now.date()),
                }
            ),
        )
        env.flush_all()
        cr.commit()
    cnx = admin_connection(registry.db_name)
    try:
        start = time.perf_counter()
        with cnx.cursor() as acr:
            acr.execute("VACUUM (ANALYZE)")
        timings["vacuum analyze"] = round(time.perf_counter() - start, 2)
        log(f"  vacuum analyze: {timings['vacuum analyze']:.1f} s")
    finally:
        cnx.close()
    return timings


def dataset_summary(db):
    cnx = admin_connection(db)
    try:
        with cnx.cursor() as cr:
            cr.execute(
                """
                SELECT (SELECT count(*) FROM loyalty_card),
                       (SELECT count(*) FROM sale_order WHERE state = 'sale'),
                       (SELECT count(*) FROM sale_order_line),
                       (SELECT count(*) FROM loyalty_history),
                       (SELECT count(*) FROM loyalty_card c
                         WHERE c.points <> (SELECT COALESCE(SUM(issued - used), 0)
                                              FROM loyalty_history h
                                             WHERE h.card_id = c.id))
                """
            )
            cards, orders, lines, ledger, unbalanced = cr.fetchone()
    finally:
        cnx.close()
    return {
        "cards": cards,
        "sale_orders": orders,
        "sale_order_lines": lines,
        "ledger_lines": ledger,
        "cards_not_matching_ledger": unbalanced,
    }


# ----------------------------------------------------------------------
# Measures (each in a child process: --worker MEASURE)
# ----------------------------------------------------------------------


def _prepare(env, measure):
    """Records a measure works on, created before the timing."""
    if measure == "tag_rule_evaluation":
        for name, criteria in BENCH_TAG_RULES:
            tag = env["res.partner.category"].create({"name": name})
            env["crm.tag.rule"].create({"name": name, "tag_id": tag.id, **criteria})
    env.flush_all()


def _measure(env, measure, program, today):
    cards = env["loyalty.card"]
    if measure == "tag_rule_evaluation":
        rules = env["crm.tag.rule"].search([])
        added, removed = rules._crm_apply(today=today)
        env.flush_all()
        env.cr.execute(
            "SELECT c.name->>'en_US', count(*)"
            " FROM res_partner_res_partner_category_rel r"
            " JOIN res_partner_category c ON c.id = r.category_id GROUP BY c.name"
        )
        return {
            "rules": len(rules),
            "tags_added": added,
            "tags_removed": removed,
            "by_tag": dict(env.cr.fetchall()),
        }
    if measure == "value_category_evaluation":
        changed = env["crm.value.category"]._crm_evaluate(today=today)
        env.flush_all()
        by_category = {
            category.name: count
            for category, count in env["res.partner"]._read_group(
                [("crm_value_category_id", "!=", False)],
                ["crm_value_category_id"],
                ["__count"],
            )
        }
        return {"customers_changed": changed, "by_category": by_category}
    if measure == "tier_candidates_query":
        rows = cards._crm_tier_candidates(program, today=today)
        return {"candidate_rows": len(rows)}
    if measure == "tier_evaluation":
        history = cards._crm_evaluate_tiers(program, allow_downgrade=True, today=today)
        env.flush_all()  # pending ORM writes are part of the work
        by_tier = {}
        for line in history:
            by_tier[line.to_tier_id.name] = by_tier.get(line.to_tier_id.name, 0) + 1
        return {"cards_changed_tier": len(history), "by_tier": by_tier}
    if measure == "points_expiry":
        batches = []
        expired = cards._crm_expire_points(
            today=today,
            progress=lambda done, remaining: batches.append(done) or True,
        )
        env.flush_all()
        env.cr.execute(
            "SELECT count(*), SUM(used) FROM loyalty_history"
            " WHERE crm_move_type = 'expired'"
        )
        lines, points = env.cr.fetchone()
        return {
            "cards_expired": len(expired),
            "expired_lines": lines,
            "points_expired": points,
            "batches": len(batches),
        }
    if measure == "duplicate_check":
        return _measure_duplicate_check(env, cards.search_count([]))
    raise ValueError(measure)


def _measure_duplicate_check(env, customers):
    """The warning of a new customer, as the form computes it while typing.

    Every other call matches an existing customer (same phone, email or name
    and city, in turn); the others match nobody. Returns the median call as
    ``seconds``.
    """
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
        "seconds": statistics.median(calls),
        "median_ms": round(1000 * statistics.median(calls), 2),
        "calls": len(calls),
        "warnings": found,
        "p95_ms": round(1000 * calls[int(len(calls) * 0.95)], 2),
        "max_ms": round(1000 * calls[-1], 2),
    }


def worker(args):
    """Run one measure in this fresh process and print its result as JSON."""
    registry = open_registry(args.db)
    from odoo import SUPERUSER_ID
    from odoo.api import Environment

    marker = json.loads(
        _param(registry, MARKER_KEY) or "{}"
    )  # reference date and program of the dataset
    today = date.fromisoformat(marker["reference_date"])
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        program = env["loyalty.program"].browse(marker["program_id"])
        program.crm_tier_ids  # noqa: B018 (load the program before timing)
        _prepare(env, args.worker)
        rss_before = rss_mb()
        start = time.perf_counter()
        info = _measure(env, args.worker, program, today)
        elapsed = time.perf_counter() - start
        rss_peak = rss_mb()
        cr.rollback()  # never keep a measured run
    sys.stdout.write(
        "RESULT "
        + json.dumps(
            {
                "seconds": elapsed,
                "rss_before_mb": rss_before,
                "peak_rss_mb": rss_peak,
                **info,
            }
        )
        + "\n"
    )


def _param(registry, key):
    with registry.cursor() as cr:
        cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", [key])
        row = cr.fetchone()
    return row[0] if row else None


def run_worker(db, measure, extra=()):
    cmd = [sys.executable, __file__, "--db", db, "--worker", measure, *extra]
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"worker {measure} failed ({proc.returncode})")
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    sys.stderr.write(proc.stdout + proc.stderr)
    raise SystemExit(f"worker {measure} printed no result")


# ----------------------------------------------------------------------
# EXPLAIN of the measured SQL
# ----------------------------------------------------------------------


def explain_worker(args):
    """Capture the SQL the measured methods run, EXPLAIN ANALYZE it."""
    registry = open_registry(args.db)
    from odoo import SUPERUSER_ID
    from odoo.api import Environment
    from odoo.tools import SQL

    marker = json.loads(_param(registry, MARKER_KEY))
    today = date.fromisoformat(marker["reference_date"])
    captured = []
    original = Environment.execute_query

    def capture(self, query):
        captured.append(query)
        return original(self, query)

    out = []
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        program = env["loyalty.program"].browse(marker["program_id"])
        Environment.execute_query = capture
        try:
            env["loyalty.card"]._crm_tier_candidates(program, today=today)
            candidates_sql = captured[-1]
            captured.clear()
            history = env["loyalty.history"]
            due_sql = history._crm_due_points_sql(today)
            card_ids = [row[0] for row in env.execute_query(due_sql)[:1000]]
            amounts_sql = history._crm_due_points_sql(today, card_ids)
        finally:
            Environment.execute_query = original
        cr.rollback()

        def explain(title, query):
            cr.execute(SQL("EXPLAIN (ANALYZE, BUFFERS) %s", query))
            plan = "\n".join(row[0] for row in cr.fetchall())
            text = cr.mogrify(query.code, query.params).decode()
            out.append(f"## {title}\n\n```sql\n{text.strip()}\n```\n\n")
            out.append(f"```\n{plan}\n```\n\n")
            log(f"EXPLAIN {title}:\n{plan}")
            cr.rollback()

        explain("tier candidates (_crm_tier_candidates)", candidates_sql)
        explain("points expiry: due cards (_crm_expire_points)", due_sql)
        explain("points expiry: amounts of one batch", amounts_sql)

    EXPLAIN.write_text(
        "# EXPLAIN (ANALYZE, BUFFERS) of the benchmarked SQL\n\n"
        f"Generated by bench_membership.py --explain on {datetime.now():%Y-%m-%d}"
        f" (dataset: {json.dumps(marker)}).\n\n" + "".join(out)
    )
    sys.stdout.write("RESULT {}\n")


# ----------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------


def write_results(results, meta):
    data = {}
    if RESULTS.exists():
        try:
            data = json.loads(RESULTS.read_text())
        except ValueError:
            data = {}
    for measure, result in results.items():
        data[measure] = {**result, **meta}
    RESULTS.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def _missed(measure, result):
    goal = MEASURE_GOALS.get(measure, GOAL_SECONDS)
    return result["median_s"] >= goal or result["peak_rss_mb"] >= GOAL_RSS_MB


def markdown_table(results):
    lines = [
        "| Measure | Median (s) | Runs (s) | Peak RSS (MB) | RSS before (MB)"
        + " | Goal | Result |",
        "|---|---:|---|---:|---:|---|---|",
    ]
    for measure, res in results.items():
        ok = not _missed(measure, res)
        info = ", ".join(
            f"{k}={v}"
            for k, v in res["details"].items()
            if k not in ("seconds", "rss_before_mb", "peak_rss_mb")
        )
        lines.append(
            f"| {measure} | {res['median_s']:.2f} | "
            f"{', '.join(f'{s:.2f}' for s in res['runs_s'])} | "
            f"{res['peak_rss_mb']:.0f} | {res['rss_before_mb']:.0f} | "
            f"{'met' if ok else 'MISSED'} | {info} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=DB_PREFIX)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument(
        "--orders", type=int, help="sale orders (default: a quarter of --lines)"
    )
    parser.add_argument("--ledger-lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the database (and its dataset) for the next run, which then "
        "skips the creation and the generation when the sizes match",
    )
    parser.add_argument(
        "--measure",
        action="append",
        choices=MEASURES,
        help="only this measure (repeatable; default: all)",
    )
    parser.add_argument(
        "--explain",
        choices=("auto", "always", "never"),
        default="auto",
        help="EXPLAIN (ANALYZE, BUFFERS) the SQL into explain.md: when a goal "
        "is missed (auto), always or never",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.db.startswith(DB_PREFIX):
        parser.error(f"--db must start with {DB_PREFIX!r} (it may be dropped)")
    args.orders = args.orders or max(args.lines // 4, 1)

    if args.worker == "explain":
        return explain_worker(args)
    if args.worker:
        return worker(args)

    odoo_config(args.db)
    spec = dataset_spec(args)
    exists, installed, marker = database_state(args.db)
    same = marker and all(marker.get(k) == v for k, v in spec.items())
    if exists and (not installed or (marker and not same)):
        log(f"database {args.db} does not hold this dataset: dropping it")
        drop_database(args.db)
        exists = installed = False
        marker = None
    if not exists:
        install_database(args.db)
    gen_seconds = None
    gen_timings = None
    if marker and same:
        log(f"reusing database {args.db} and its dataset {marker}")
    else:
        from odoo.modules.registry import Registry

        log(f"generating dataset {spec}")
        start = time.perf_counter()
        gen_timings = generate_dataset(
            Registry(args.db), spec, datetime.now().replace(microsecond=0)
        )
        gen_seconds = round(time.perf_counter() - start, 1)
        log(f"dataset generated in {gen_seconds} s")
    summary = dataset_summary(args.db)
    log(f"dataset: {summary}")

    results = {}
    for measure in args.measure or MEASURES:
        runs = []
        for index in range(args.runs):
            res = run_worker(args.db, measure)
            log(
                f"{measure} run {index + 1}/{args.runs}: {res['seconds']:.2f} s, "
                f"peak RSS {res['peak_rss_mb']:.0f} MB "
                f"(before the call {res['rss_before_mb']:.0f} MB) {res}"
            )
            runs.append(res)
        results[measure] = {
            "median_s": round(statistics.median(r["seconds"] for r in runs), 3),
            "runs_s": [round(r["seconds"], 3) for r in runs],
            "peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs), 1),
            "rss_before_mb": round(max(r["rss_before_mb"] for r in runs), 1),
            "details": runs[len(runs) // 2],
        }
    missed = any(_missed(measure, r) for measure, r in results.items())
    meta = {
        "dataset": summary,
        "dataset_spec": spec,
        "generation_s": gen_seconds,
        "generation_steps_s": gen_timings,
        "git_commit": git_commit(),
        "addon_has_uncommitted_changes": git_dirty(),
        "date": datetime.now().isoformat(timespec="seconds"),
        "runs": args.runs,
        "goal": {"seconds": GOAL_SECONDS, "rss_mb": GOAL_RSS_MB},
        "measure_goals_s": MEASURE_GOALS,
        "rss_note": "ru_maxrss of a fresh Odoo process per run (registry "
        "loaded); PostgreSQL backend memory is not included",
    }
    if args.explain == "always" or (args.explain == "auto" and missed):
        log("EXPLAIN (ANALYZE, BUFFERS) of the measured SQL")
        run_worker(args.db, "explain")
    write_results(results, meta)
    sys.stdout.write("\n" + markdown_table(results) + "\n\n")
    if gen_seconds is not None:
        sys.stdout.write(f"Dataset generated in {gen_seconds} s: {gen_timings}\n")
    if not args.keep:
        log(f"dropping database {args.db} (use --keep to reuse it)")
        drop_database(args.db)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
