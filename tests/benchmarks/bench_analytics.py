# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of crm_analytics on the dataset of bench_membership.py.

Measures, on 100,000 customers and 1,000,000 sale order lines (250,000
orders over two years) by default:

- ``rfm``: ``crm.customer.analytics._crm_compute_rfm(company, today)``, the one
  INSERT ... SELECT scoring every customer, and the month's history snapshot;
- ``nightly``: ``crm.customer.analytics._crm_recompute(company, today)``, every
  step of the nightly cron in order (RFM, lifecycle, retention episodes,
  value, association rules and recommendations), without its commits.

The database, the dataset and the worker processes are those of
bench_membership.py (imported, not copied), with crm_analytics installed
instead of crm_fresh_loyalty. See README.md next to this file.
"""

import argparse
import json
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_membership as bm

bm.MODULE = "crm_analytics"  # what install_database() installs and checks
DB_PREFIX = "crm_bench"
GOALS = {"rfm": 3.0, "nightly": 60.0}
GOAL_RSS_MB = 1024.0
RESULTS = bm.HERE / "results_analytics.json"


def _measure(env, measure, today):
    analytics = env["crm.customer.analytics"]
    company = env.company
    if measure == "rfm":
        scored = analytics._crm_compute_rfm(company, today)
    elif measure == "nightly":
        analytics._crm_recompute(company, today)
        scored = analytics.search_count([("company_id", "=", company.id)])
    else:
        raise ValueError(measure)
    env.flush_all()
    env.cr.execute(
        """
        SELECT
          (SELECT count(*) FROM crm_customer_analytics WHERE r_score IS NOT NULL),
          (SELECT count(*) FROM crm_rfm_history),
          (SELECT count(*) FROM crm_customer_analytics
            WHERE lifecycle_stage = 'churn_warning'),
          (SELECT count(*) FROM crm_retention_episode),
          (SELECT count(*) FROM crm_product_association),
          (SELECT count(*) FROM crm_product_recommendation)
        """
    )
    scored_rows, history, warned, episodes, rules, recommendations = env.cr.fetchone()
    return {
        "rows_written": scored,
        "scored_customers": scored_rows,
        "history_rows": history,
        "churn_warnings": warned,
        "episodes": episodes,
        "rules": rules,
        "recommendations": recommendations,
    }


def _membership_dataset(db):
    """Whether the database holds a dataset of bench_membership.py (its
    module installed and the dataset's marker set)."""
    cnx = bm.admin_connection(db)
    try:
        with cnx.cursor() as cr:
            cr.execute(
                "SELECT 1 FROM ir_module_module m, ir_config_parameter p"
                " WHERE m.name = 'crm_fresh_loyalty' AND m.state = 'installed'"
                " AND p.key = %s",
                [bm.MARKER_KEY],
            )
            return bool(cr.fetchone())
    finally:
        cnx.close()


def worker(args):
    """One measure in this fresh process; prints its result as JSON."""
    registry = bm.open_registry(args.db)
    from odoo import SUPERUSER_ID
    from odoo.api import Environment

    marker = json.loads(bm._param(registry, bm.MARKER_KEY))
    today = date.fromisoformat(marker["reference_date"])
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        env.company.crm_rfm_window_months  # noqa: B018 (load before timing)
        rss_before = bm.rss_mb()
        start = time.perf_counter()
        info = _measure(env, args.worker, today)
        elapsed = time.perf_counter() - start
        rss_peak = bm.rss_mb()
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


def run_worker(db, measure):
    import subprocess

    cmd = [sys.executable, __file__, "--db", db, "--worker", measure]
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=bm.ROOT)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    sys.stderr.write(proc.stdout + proc.stderr)
    raise SystemExit(f"worker {measure} failed ({proc.returncode})")


def markdown_table(results):
    lines = [
        "| Measure | Median (s) | Runs (s) | Peak RSS (MB) | Goal | Result |",
        "|---|---:|---|---:|---|---|",
    ]
    for measure, res in results.items():
        ok = res["median_s"] < GOALS[measure] and res["peak_rss_mb"] < GOAL_RSS_MB
        lines.append(
            f"| {measure} | {res['median_s']:.2f} | "
            f"{', '.join(f'{s:.2f}' for s in res['runs_s'])} | "
            f"{res['peak_rss_mb']:.0f} | < {GOALS[measure]:.0f} s, "
            f"< {GOAL_RSS_MB:.0f} MB | {'met' if ok else 'MISSED'} |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="crm_bench_analytics")
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--orders", type=int, help="default: a quarter of --lines")
    parser.add_argument(
        "--ledger-lines",
        type=int,
        help="points ledger lines of the membership dataset (not read here): "
        "0 when generating; a kept dataset of any size is reused",
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--no-write",
        action="store_true",
        help=f"print the table only, do not write {RESULTS.name}",
    )
    parser.add_argument("--measure", action="append", choices=sorted(GOALS))
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.db.startswith(DB_PREFIX):
        parser.error(f"--db must start with {DB_PREFIX!r} (it may be dropped)")
    args.orders = args.orders or max(args.lines // 4, 1)
    if args.worker:
        return worker(args)

    bm.odoo_config(args.db)
    exists, installed, marker = bm.database_state(args.db)
    if exists and not installed and _membership_dataset(args.db):
        # a copy of bench_membership.py's database: add the analytics to it
        bm.install_database(args.db)
        exists, installed, marker = bm.database_state(args.db)
    if args.ledger_lines is None:
        args.ledger_lines = marker["ledger_lines"] if marker else 0
    spec = bm.dataset_spec(args)
    same = marker and all(marker.get(k) == v for k, v in spec.items())
    if exists and (not installed or (marker and not same)):
        bm.log(f"database {args.db} does not hold this dataset: dropping it")
        bm.drop_database(args.db)
        exists = False
        marker = None
    if not exists:
        bm.install_database(args.db)
    gen_seconds = None
    if marker and same:
        bm.log(f"reusing database {args.db} and its dataset {marker}")
    else:
        from odoo.modules.registry import Registry

        bm.log(f"generating dataset {spec}")
        start = time.perf_counter()
        bm.generate_dataset(
            Registry(args.db), spec, datetime.now().replace(microsecond=0)
        )
        gen_seconds = round(time.perf_counter() - start, 1)
        bm.log(f"dataset generated in {gen_seconds} s")
    summary = bm.dataset_summary(args.db)
    bm.log(f"dataset: {summary}")

    results = {}
    for measure in args.measure or sorted(GOALS, key=list(GOALS).index):
        runs = []
        for index in range(args.runs):
            res = run_worker(args.db, measure)
            bm.log(f"{measure} run {index + 1}/{args.runs}: {res}")
            runs.append(res)
        results[measure] = {
            "median_s": round(statistics.median(r["seconds"] for r in runs), 3),
            "runs_s": [round(r["seconds"], 3) for r in runs],
            "peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs), 1),
            "rss_before_mb": round(max(r["rss_before_mb"] for r in runs), 1),
            "details": runs[len(runs) // 2],
        }
    missed = any(
        r["median_s"] >= GOALS[m] or r["peak_rss_mb"] >= GOAL_RSS_MB
        for m, r in results.items()
    )
    if not args.no_write:
        RESULTS.write_text(
            json.dumps(
                {
                    "results": results,
                    "dataset": summary,
                    "dataset_spec": spec,
                    "generation_s": gen_seconds,
                    "git_commit": bm.git_commit(),
                    "date": datetime.now().isoformat(timespec="seconds"),
                    "goals_s": GOALS,
                    "goal_rss_mb": GOAL_RSS_MB,
                },
                indent=2,
                sort_keys=True,
            )
            + "\n"
        )
    sys.stdout.write("\n" + markdown_table(results) + "\n")
    if not args.keep:
        bm.log(f"dropping database {args.db} (use --keep to reuse it)")
        bm.drop_database(args.db)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
