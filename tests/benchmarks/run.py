# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the Fresh CRM suite, measured against Odoo without it.

    python3 tests/benchmarks/run.py [--customers 100000] [--runs 3] [--keep]
                                    [--measure KEY ...]

Builds two databases: ``<db>_base`` with what the suite depends on and the
generated dataset (``dataset.py``), and ``<db>``, a copy of it
(``CREATE DATABASE ... TEMPLATE``) where the suite is installed and its own
data added. Each run of a measure (``measures.py``) is a fresh process that
loads the registry, times the call and rolls back, so every run starts from
the same data. Prints a Markdown table and writes ``results.json``; exits
with 1 when a goal is missed. See README.md next to this file.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

import dataset
import infra
from infra import log
from measures import GOAL_RSS_MB, MEASURES, Context

RESULTS = infra.HERE / "results.json"
EXPLAIN = infra.HERE / "explain.md"
DB_PREFIX = "crm_sb"
EXPLAIN_TOP = 3


# ----------------------------------------------------------------------
# Worker: one measure, one run, in this fresh process
# ----------------------------------------------------------------------


class StatementLog:
    """Times every statement of the measured call (``--explain``); on a
    second pass, EXPLAIN ANALYZEs the slowest ones in place, in a savepoint
    rolled back, just before they run for real."""

    def __init__(self):
        self.durations = {}
        self.to_explain = set()
        self.plans = []

    def __enter__(self):
        from odoo import sql_db
        from odoo.tools import SQL

        self._original = original = sql_db.Cursor.execute
        statements = self

        def execute(cr, query, params=None, log_exceptions=True):
            if isinstance(query, SQL):
                query, params = query.code, query.params
            if query in statements.to_explain:
                statements.to_explain.discard(query)
                statements._explain(cr, query, params)
            start = time.perf_counter()
            try:
                return original(cr, query, params, log_exceptions)
            finally:
                total, count = statements.durations.get(query, (0.0, 0))
                statements.durations[query] = (
                    total + time.perf_counter() - start,
                    count + 1,
                )

        sql_db.Cursor.execute = execute
        return self

    def __exit__(self, *exc):
        from odoo import sql_db

        sql_db.Cursor.execute = self._original

    def slowest(self, top, minimum=0.05):
        ranked = sorted(self.durations.items(), key=lambda item: -item[1][0])
        return [
            (query, total, count)
            for query, (total, count) in ranked
            if total >= minimum
            if query.lstrip().split(None, 1)[0].upper()
            in ("SELECT", "WITH", "INSERT", "UPDATE", "DELETE")
        ][:top]

    def _explain(self, cr, query, params):
        raw = cr._obj
        raw.execute("SAVEPOINT bench_explain")
        try:
            raw.execute("EXPLAIN (ANALYZE, BUFFERS) " + query, params)
            plan = "\n".join(row[0] for row in raw.fetchall())
        finally:
            raw.execute("ROLLBACK TO SAVEPOINT bench_explain")
            raw.execute("RELEASE SAVEPOINT bench_explain")
        self.plans.append({"sql": raw.mogrify(query, params).decode(), "plan": plan})


def _profile_text(profile):
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(35)
    return out.getvalue()


def worker(args):
    registry = infra.open_registry(args.db)
    from odoo import SUPERUSER_ID
    from odoo.api import Environment

    marker = infra.read_marker(args.db, dataset.BASE_MARKER)
    measure = MEASURES[args.worker]
    result = {"load_average": round(os.getloadavg()[0], 2)}

    base_registry = infra.open_registry(args.base_db) if measure.paired else None

    def run_once(statements=None, profile=None):
        with ExitStack() as stack:
            cr = stack.enter_context(registry.cursor())
            env = Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            ctx = Context(env, marker)
            if base_registry:
                base_cr = stack.enter_context(base_registry.cursor())
                ctx.without = Context(
                    Environment(base_cr, SUPERUSER_ID, {"tracking_disable": True}),
                    marker,
                )
                stack.callback(base_cr.rollback)
            if measure.prepare:
                measure.prepare(ctx)
            env.flush_all()
            rss_before = infra.rss_mb()
            start = time.perf_counter()

            def call():
                result = measure.function(ctx) or {}
                env.flush_all()  # pending writes are part of the work
                return result

            if statements:
                with statements:
                    info = call()
            elif profile:
                info = profile.runcall(call)
            else:
                info = call()
            elapsed = time.perf_counter() - start
            rss_peak = infra.rss_mb()
            for report in measure.reporter:
                info.update(report(ctx))
            cr.rollback()  # never keep a measured run
        return {
            "seconds": elapsed,
            "rss_before_mb": rss_before,
            "peak_rss_mb": rss_peak,
            **info,
        }

    if args.explain:
        statements = StatementLog()
        result.update(run_once(statements))
        slowest = statements.slowest(EXPLAIN_TOP)
        result["slowest_statements"] = [
            {"seconds": round(total, 3), "calls": count, "sql": " ".join(query.split())}
            for query, total, count in slowest
        ]
        explainer = StatementLog()
        explainer.to_explain = {query for query, _total, _count in slowest}
        run_once(explainer)
        result["explain"] = explainer.plans
    elif args.profile:
        profile = cProfile.Profile()
        result.update(run_once(profile=profile))
        result["profile"] = _profile_text(profile)
        path = Path(tempfile.gettempdir()) / f"crm_bench_{args.worker}_{args.db}.prof"
        profile.dump_stats(path)
        result["profile_file"] = str(path)
    else:
        result.update(run_once())
    infra.print_result(result)


# ----------------------------------------------------------------------
# Databases
# ----------------------------------------------------------------------


def prepare_databases(args, sizes):
    """Create or reuse the two databases; returns what was done."""
    base_db, suite_db = f"{args.db}_base", args.db
    built = {}
    base_marker = infra.read_marker(base_db, dataset.BASE_MARKER)
    same = base_marker and all(base_marker.get(k) == v for k, v in sizes.items())
    if same and infra.installed(base_db, infra.base_addons()):
        log(f"reusing {base_db} and its dataset {base_marker}")
        # Rolled-back runs leave dead rows behind: clean before measuring.
        infra.vacuum_analyze(base_db)
    else:
        for db in (suite_db, base_db):
            infra.drop_database(db)
        built["base_install"] = infra.odoo_modules(base_db, infra.base_addons())
        log(f"generating the dataset in {base_db}: {sizes}")
        start = time.perf_counter()
        registry = infra.open_registry(base_db)
        from odoo import SUPERUSER_ID
        from odoo.api import Environment

        with registry.cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            built["base_steps_s"] = dataset.generate_base(
                env, sizes, datetime.now().replace(microsecond=0)
            )
        infra.vacuum_analyze(base_db)
        built["base_generation_s"] = round(time.perf_counter() - start, 1)
        log(f"dataset generated in {built['base_generation_s']} s")
        base_marker = infra.read_marker(base_db, dataset.BASE_MARKER)
    suite_marker = infra.read_marker(suite_db, dataset.SUITE_MARKER)
    if suite_marker == dataset.suite_marker(base_marker) and infra.installed(
        suite_db, infra.suite_addons()
    ):
        log(f"reusing {suite_db}")
        if args.update:
            built["suite_update"] = infra.odoo_modules(
                suite_db, infra.suite_addons(), update=True
            )
        infra.vacuum_analyze(suite_db)
    else:
        log(f"copying {base_db} to {suite_db}")
        infra.clone_database(base_db, suite_db)
        built["suite_install"] = infra.odoo_modules(suite_db, infra.suite_addons())
        start = time.perf_counter()
        registry = infra.open_registry(suite_db)
        from odoo import SUPERUSER_ID
        from odoo.api import Environment

        with registry.cursor() as cr:
            env = Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            built["suite_steps_s"] = dataset.generate_suite(env, base_marker)
        # The install computed new columns of existing rows and the generation
        # updated them: rewrite those tables, as both databases are compared.
        infra.vacuum_analyze(suite_db, full_tables=dataset.SUITE_UPDATED_TABLES)
        built["suite_generation_s"] = round(time.perf_counter() - start, 1)
    return base_db, suite_db, built


def dataset_counts(db):
    registry = infra.open_registry(db)
    from odoo import SUPERUSER_ID
    from odoo.api import Environment

    with registry.cursor() as cr:
        return dataset.summary(Environment(cr, SUPERUSER_ID, {}))


# ----------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------


def _worker_args(db, key, args, base_db=None):
    extra = ["--explain"] if args.explain else (["--profile"] if args.profile else [])
    if base_db:
        extra += ["--base-db", base_db]
    return ["--db", db, "--worker", key, *extra]


def _figure(measure, run):
    return run.get("value", run["seconds"]) * measure.scale


def measure_one(measure, args, base_db, suite_db):
    script = Path(__file__)
    runs = []
    if measure.paired or measure.combine:
        # Both databases as clean as each other: earlier measures (rolled
        # back) left dead rows in the one with the suite only.
        for db in (base_db, suite_db):
            infra.vacuum_analyze(db)
    loads = [round(os.getloadavg()[0], 2)]
    for index in range(args.runs):
        if measure.combine:
            without = infra.run_worker(script, _worker_args(base_db, measure.key, args))
            with_suite = infra.run_worker(
                script, _worker_args(suite_db, measure.key, args)
            )
            run = {
                **measure.combine(with_suite, without),
                "without_suite_rss_mb": without["peak_rss_mb"],
            }
        else:
            base = base_db if measure.paired else None
            run = infra.run_worker(
                script, _worker_args(suite_db, measure.key, args, base)
            )
        loads.append(run.get("load_average"))
        figure = _figure(measure, run)
        log(
            f"{measure.key} run {index + 1}/{args.runs}: {figure:.2f} "
            f"{measure.goal.unit} in {run['seconds']:.2f} s, peak RSS "
            f"{run['peak_rss_mb']:.0f} MB"
        )
        if run.get("profile"):
            log(f"profile:\n{run['profile']}")
        for statement in run.get("slowest_statements", ()):
            log(
                f"  {statement['seconds']:.3f} s in {statement['calls']} calls: "
                f"{statement['sql'][:150]}"
            )
        runs.append(run)
    figures = [_figure(measure, run) for run in runs]
    median = statistics.median(figures)
    median_run = sorted(runs, key=lambda run: _figure(measure, run))[len(runs) // 2]
    peak_rss = max(
        max(run["peak_rss_mb"], run.get("without_suite_rss_mb", 0)) for run in runs
    )
    result = {
        "label": measure.label,
        "goal": str(measure.goal),
        "goal_rss_mb": GOAL_RSS_MB,
        "median": round(median, 3),
        "unit": measure.goal.unit,
        "runs": [round(figure, 3) for figure in figures],
        "seconds_runs": [round(run["seconds"], 3) for run in runs],
        "rss_mb": round(peak_rss, 1),
        "rss_before_mb": round(max(run["rss_before_mb"] for run in runs), 1),
        "goal_met": measure.goal.met(median) and peak_rss < GOAL_RSS_MB,
        "details": {
            key: value
            for key, value in median_run.items()
            if key not in ("explain", "profile", "load_average", "profile_file")
        },
        "load_average": loads + [round(os.getloadavg()[0], 2)],
    }
    explained = [plan for run in runs for plan in run.get("explain", [])][:EXPLAIN_TOP]
    return result, explained


# ----------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------


def _format(value, unit):
    if unit == "queries":
        return f"{value:.0f} queries"
    if unit == "%":
        return f"{value:.1f} %"
    return f"{value:.2f} {unit}" if value < 100 else f"{value:.0f} {unit}"


def markdown_table(results):
    lines = [
        "| Measure | Median | Runs | Peak RSS (MB) | Goal | Result |",
        "|---|---:|---|---:|---|---|",
    ]
    for key, res in results.items():
        runs = ", ".join(f"{run:.2f}" for run in res["runs"])
        median = _format(res["median"], res["unit"])
        details = res["details"]
        if "with_suite" in details:
            median += (
                f" ({details['with_suite']['orders_per_s']:.2f} vs "
                f"{details['without_suite']['orders_per_s']:.2f} orders/s)"
            )
        lines.append(
            f"| `{key}` | {median} | {runs} | {res['rss_mb']:.0f} | "
            f"{res['goal']}, < {GOAL_RSS_MB:.0f} MB RSS | "
            f"{'met' if res['goal_met'] else 'MISSED'} |"
        )
    return "\n".join(lines)


def write_results(results, meta, dataset_info):
    """Merge into results.json: one key per measure (with the commit, date
    and machine of its run), and the dataset."""
    data = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    previous = data.get("dataset", {})
    if previous.get("spec") == dataset_info["spec"]:
        # kept databases: their build figures are those of the earlier run
        dataset_info = {**previous, **dataset_info}
    data = {key: value for key, value in data.items() if key in MEASURES}
    for key, result in results.items():
        data[key] = {**result, **meta}
    data["dataset"] = dataset_info
    RESULTS.write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n")


def write_explain(explained, meta):
    parts = [
        "# EXPLAIN (ANALYZE, BUFFERS) of the slowest statements\n\n",
        (
            f"`run.py --explain`, commit `{meta['commit'][:7]}`, "
            f"{meta['customers']:,} customers, "
            f"{meta['date'][:10]}. Each plan is taken in place, in a savepoint "
            "rolled back, just before the statement runs.\n\n"
        ),
    ]
    for key, plans in explained.items():
        for plan in plans:
            parts.append(f"## {key}\n\n```sql\n{plan['sql'].strip()}\n```\n\n")
            parts.append(f"```\n{plan['plan']}\n```\n\n")
    EXPLAIN.write_text("".join(parts))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        epilog="Measures: " + ", ".join(MEASURES),
    )
    parser.add_argument(
        "--customers",
        type=int,
        default=100_000,
        help="size of the dataset (default 100,000; the rest scales with it)",
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each measure (default 3)"
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep both databases; the next run with the same --customers "
        "reuses them (no install, no generation)",
    )
    parser.add_argument(
        "--measure",
        action="append",
        choices=list(MEASURES),
        metavar="KEY",
        help="only this measure (repeatable; default: all)",
    )
    parser.add_argument(
        "--db",
        default=DB_PREFIX,
        help=f"database with the suite (default {DB_PREFIX}); the one without "
        "it is <db>_base. Must start with crm_sb: both may be dropped",
    )
    parser.add_argument(
        "--update",
        action="store_true",
        help="update the suite's addons in a kept database (after changing them)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help=f"EXPLAIN ANALYZE the {EXPLAIN_TOP} slowest statements (of 50 ms "
        "or more) of each measure into explain.md",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="print a cProfile of each run (stats kept in the temporary directory)",
    )
    parser.add_argument(
        "--no-write",
        action="store_true",
        help="print the table only, leave results.json as it is",
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--base-db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.db.startswith(DB_PREFIX):
        parser.error(f"--db must start with {DB_PREFIX!r} (it may be dropped)")
    if args.worker:
        return worker(args)

    infra.odoo_config(args.db)
    sizes = dataset.spec(args.customers)
    machine = infra.machine()
    log(f"machine: {machine}")
    base_db, suite_db, built = prepare_databases(args, sizes)
    counts = dataset_counts(suite_db)
    log(f"dataset: {counts}")

    results, explained = {}, {}
    for key in args.measure or MEASURES:
        results[key], explained[key] = measure_one(
            MEASURES[key], args, base_db, suite_db
        )

    meta = {
        "commit": infra.git("rev-parse", "HEAD"),
        "uncommitted_changes": bool(infra.git("status", "--porcelain", "addons")),
        "date": datetime.now().isoformat(timespec="seconds"),
        "customers": args.customers,
        "machine": {**machine, "load_average_end": infra.machine()["load_average"]},
    }
    sys.stdout.write("\n" + markdown_table(results) + "\n\n")
    if built:
        sys.stdout.write(f"Databases built: {json.dumps(built)}\n")
    if not args.no_write:
        write_results(results, meta, {"spec": sizes, "counts": counts, **built})
    if args.explain:
        write_explain(explained, meta)
    if not args.keep:
        for db in (suite_db, base_db):
            log(f"dropping {db} (use --keep to reuse it)")
            infra.drop_database(db)
    return 0 if all(res["goal_met"] for res in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
