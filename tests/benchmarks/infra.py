# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plumbing of the benchmark: Odoo configuration, databases, worker processes.

Nothing here knows what is measured (``measures.py``) or generated
(``dataset.py``); ``run.py`` puts them together.
"""

import functools
import json
import os
import resource
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
# bin/_common.sh holds the list; parsed rather than copied.
_COMMON_SH = ROOT / "bin" / "_common.sh"


def log(message):
    sys.stdout.write(f"[{datetime.now():%H:%M:%S}] {message}\n")
    sys.stdout.flush()


def rss_mb():
    """Peak resident set size of this process so far (ru_maxrss is in KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def children_rss_mb():
    """Peak RSS of the largest child process waited for so far."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0


@functools.cache
def suite_addons():
    """SUITE_ADDONS of bin/_common.sh."""
    for line in _COMMON_SH.read_text().splitlines():
        if line.startswith("SUITE_ADDONS="):
            return tuple(line.split("=", 1)[1].strip().strip("\"'").split(","))
    raise RuntimeError(f"SUITE_ADDONS not found in {_COMMON_SH}")


@functools.cache
def base_addons():
    """What the suite depends on, without the suite: Odoo "without the suite"."""
    import ast

    suite = set(suite_addons())
    depends = set()
    for addon in suite:
        manifest = ast.literal_eval(
            (ROOT / "addons" / addon / "__manifest__.py").read_text()
        )
        depends.update(manifest.get("depends", []))
    return tuple(sorted(depends - suite))


@functools.cache
def addons_path():
    """Like ``addons_path`` of bin/_common.sh: the repo's addons, then Odoo's."""
    import odoo.addons

    paths = [os.path.abspath(p) for p in odoo.addons.__path__ if os.path.isdir(p)]
    return ",".join(dict.fromkeys([str(ROOT / "addons"), *paths]))


def git(*args):
    try:
        return subprocess.run(
            ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def machine():
    """What the figures depend on: cores, memory, load, versions."""
    import odoo.release

    meminfo = Path("/proc/meminfo")
    memory = None
    if meminfo.exists():
        first = meminfo.read_text().split("\n", 1)[0].split()
        memory = round(int(first[1]) / 1024 / 1024, 1)
    with admin_connection() as cnx, cnx.cursor() as cr:
        cr.execute("SHOW server_version")
        pg_version = cr.fetchone()[0]
    cnx.close()
    return {
        "cpus": os.cpu_count(),
        "memory_gb": memory,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "postgresql": pg_version,
        "odoo": odoo.release.version,
        "python": sys.version.split()[0],
    }


# ----------------------------------------------------------------------
# Odoo and PostgreSQL
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
    """A plain autocommit psycopg2 connection (databases, VACUUM)."""
    import psycopg2

    from odoo.sql_db import connection_info_for

    _name, info = connection_info_for(dbname)
    info.pop("application_name", None)
    cnx = psycopg2.connect(**info)
    cnx.autocommit = True
    return cnx


def query_one(db, query, params=()):
    """First row of ``query`` in ``db``, None when the database is missing."""
    if not database_exists(db):
        return None
    cnx = admin_connection(db)
    try:
        with cnx.cursor() as cr:
            cr.execute(query, params)
            return cr.fetchone()
    finally:
        cnx.close()


def database_exists(db):
    cnx = admin_connection()
    try:
        with cnx.cursor() as cr:
            cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
            return bool(cr.fetchone())
    finally:
        cnx.close()


def read_marker(db, key):
    """The JSON value of an ``ir.config_parameter``, None when absent."""
    try:
        row = query_one(
            db, "SELECT value FROM ir_config_parameter WHERE key = %s", [key]
        )
    except Exception:  # noqa: BLE001 (not an Odoo database)
        return None
    return json.loads(row[0]) if row else None


def installed(db, modules):
    row = query_one(
        db,
        "SELECT count(*) FROM ir_module_module"
        " WHERE state = 'installed' AND name = ANY(%s)",
        [list(modules)],
    )
    return bool(row) and row[0] == len(modules)


def _sql_identifier(name):
    from psycopg2 import sql

    return sql.Identifier(name)


def drop_database(db):
    from psycopg2 import sql

    cnx = admin_connection()
    try:
        with cnx.cursor() as cr:
            cr.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [db],
            )
            cr.execute(
                sql.SQL("DROP DATABASE IF EXISTS {}").format(_sql_identifier(db))
            )
    finally:
        cnx.close()


def clone_database(template, db):
    """``createdb -T template db``: a file-level copy, seconds for gigabytes."""
    from psycopg2 import sql

    drop_database(db)
    cnx = admin_connection()
    try:
        with cnx.cursor() as cr:
            cr.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s",
                [template],
            )
            cr.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    _sql_identifier(db), _sql_identifier(template)
                )
            )
    finally:
        cnx.close()


def odoo_modules(db, modules, update=False):
    """Install (or update) ``modules`` in ``db`` with Odoo's command line, in a
    child process; returns its wall time and peak RSS."""
    cmd = [
        sys.executable,
        "-m",
        "odoo",
        "-d",
        db,
        "-u" if update else "-i",
        ",".join(modules),
        "--stop-after-init",
        "--no-http",
        "--max-cron-threads",
        "0",
        "--log-level",
        "warn",
        "--addons-path",
        addons_path(),
    ]
    log(f"{'updating' if update else 'installing'} in {db}: {' '.join(cmd)}")
    start = time.perf_counter()
    # The child's RSS is read from /proc by a small wrapper: RUSAGE_CHILDREN
    # only holds the largest child so far, not this one.
    wrapper = (
        "import resource, subprocess, sys, json;"
        "rc = subprocess.call(sys.argv[1:]);"
        "print('RSS ' + json.dumps(resource.getrusage("
        "resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0));"
        "sys.exit(rc)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", wrapper, *cmd],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = round(time.perf_counter() - start, 1)
    rss = None
    for line in proc.stdout.splitlines():
        if line.startswith("RSS "):
            rss = round(float(line[4:]), 1)
    if proc.returncode:
        sys.stderr.write(proc.stdout[-5000:] + proc.stderr[-20000:])
        raise SystemExit(f"odoo {'-u' if update else '-i'} failed in {db}")
    log(f"{db}: done in {seconds} s, peak RSS {rss} MB")
    return {"seconds": seconds, "peak_rss_mb": rss}


def vacuum_analyze(db, full_tables=()):
    """VACUUM (ANALYZE) the tables of the database; ``full_tables`` are also
    rewritten, to drop what their rows updated in bulk left behind.

    Tables are listed one by one: a database-wide VACUUM of a superuser also
    takes the cluster's shared catalogs, and VACUUM FULL of those would block
    every new connection to any database until it gets its lock."""
    from psycopg2 import sql

    cnx = admin_connection(db)
    try:
        with cnx.cursor() as cr:
            cr.execute(
                "SELECT relname FROM pg_class"
                " WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"
            )
            tables = [row[0] for row in cr.fetchall()]
            if full_tables:
                cr.execute(
                    sql.SQL("VACUUM (FULL, ANALYZE) {}").format(
                        sql.SQL(", ").join(map(sql.Identifier, full_tables))
                    )
                )
            cr.execute(
                sql.SQL("VACUUM (ANALYZE) {}").format(
                    sql.SQL(", ").join(map(sql.Identifier, tables))
                )
            )
    finally:
        cnx.close()


# ----------------------------------------------------------------------
# Worker processes
# ----------------------------------------------------------------------


def run_worker(script, args):
    """Run ``script --worker ...`` in a fresh Python process; return the JSON
    it prints on its ``RESULT`` line."""
    cmd = [sys.executable, str(script), *args]
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=ROOT)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    sys.stderr.write(proc.stdout[-5000:] + proc.stderr[-20000:])
    raise SystemExit(f"worker {' '.join(args)} failed ({proc.returncode})")


def print_result(result):
    sys.stdout.write("RESULT " + json.dumps(result, default=str) + "\n")
    sys.stdout.flush()
