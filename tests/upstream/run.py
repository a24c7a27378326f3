#!/usr/bin/env python3
# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Run the upstream addons' own tests without the suite and with it.

    nice python3 tests/upstream/run.py [--tours] [--keep] [--http-port PORT]

1. installs the upstream addons the suite extends (UPSTREAM below) with their
   demo data into a new database ``crm_up_bare``;
2. copies it to ``crm_up_suite``, gives that copy an auditlog rule of its own
   on res.partner (a live site auditing its partners), installs the suite's
   addons over it with their demo data, and checks that the suite adopted the
   site's rule instead of failing on auditlog's one-rule-per-model constraint;
3. runs the upstream addons' tests on each database, once every module is
   loaded: the post_install tests, and the at_install tests too (Odoo runs
   those while their module is being installed or loaded, before the addons
   that load after it; the suite's code always loads after the addons it
   extends, so only a run after the whole registry is loaded shows its
   effect). Their runs at installation time are left out: ``crm_up_suite`` is
   a copy of ``crm_up_bare`` made before the suite is installed, so they
   would be the same on both;
4. prints the tests that fail (or whose class cannot be set up) on each
   database, then those that fail only with the suite, and exits non-zero if
   there is any.

Browser tours (most of pos_loyalty's tests and a few of website_sale_loyalty)
are skipped unless ``--tours`` is given: they take about an hour on two cores.
Needs Odoo 19.0 importable by python3, Chromium for ``--tours``, and a
PostgreSQL the current user can create databases in. Takes about 25 minutes on
two cores.
"""

import argparse
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM = [
    "loyalty",
    "sale_loyalty",
    "pos_loyalty",
    "website_sale_loyalty",
    "rma",
    "helpdesk_mgmt",
    "helpdesk_mgmt_sla",
    "helpdesk_mgmt_rating",
    "helpdesk_type",
    "auditlog",
    "privacy_partner_to_be_forgotten",
    "partner_contact_birthdate",
]
BARE, SUITE = "crm_up_bare", "crm_up_suite"
KEY = base64.b64encode(bytes(range(32))).decode()

# The site's own rule on partners before the suite: it logs the phone only.
SITE_RULE = r"""
import json
partner = env["ir.model"]._get("res.partner")
rule = env["auditlog.rule"].create({
    "name": "Partners (site)",
    "model_id": partner.id,
    "log_type": "fast",
    "log_create": False,
    "fields_to_exclude_ids": [(6, 0, env["ir.model.fields"].search(
        [("model_id", "=", partner.id), ("name", "!=", "phone")]).ids)],
})
rule.set_to_confirmed()
env.cr.commit()
print("SITE_RULE " + json.dumps(rule.id))
"""
ADOPTED = r"""
import json
rules = env["auditlog.rule"].search([("model_model", "=", "res.partner")])
excluded = set(rules.fields_to_exclude_ids.mapped("name"))
print("ADOPTED " + json.dumps({
    "ids": rules.ids,
    "ownership": rules.crm_ownership,
    "email_logged": "email" not in excluded,
    "customer_rank_logged": "customer_rank" not in excluded,
}))
"""

FAILURE_RE = re.compile(r" ERROR \S+ (\S+): (FAIL|ERROR): (.+)$")
STATS_RE = re.compile(r" odoo\.tests\.stats: (\w+): (\d+) tests ")
MODULE_RE = re.compile(r"odoo\.addons\.(\w+)\.")
LOG_LINE_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ ")


def run_as_odoo(argv, tours):
    """Odoo's command line, with the at_install tests run after the whole
    registry is loaded, beside the post_install ones.

    On an installed database, Odoo 19 runs the at_install tests of each
    module as it loads it, with a registry that lacks the modules loading
    after it while the database has their columns: a required column of a
    later module (``account``'s ``autopost_bills`` on partners, the suite's
    on tickets) fails their inserts. They run after the whole registry
    instead, the only place the suite's code (loaded after the addons it
    extends) can change their outcome."""
    from odoo.tests import common, loader

    make_suite = loader.make_suite

    def make_suite_post_load(module_names, position="at_install"):
        if position == "at_install":
            return loader.OdooSuite([])
        at_install = make_suite(module_names, "at_install")
        return loader.OdooSuite([*at_install, *make_suite(module_names, position)])

    loader.make_suite = make_suite_post_load
    if not tours:

        def no_browser():
            import unittest

            raise unittest.SkipTest("browser tours left out (run.py --tours)")

        common._find_executable = no_browser
    sys.argv = ["odoo", *argv]
    from odoo.cli.command import main

    main()


def addons_path():
    import odoo.addons

    paths = [os.path.abspath(p) for p in odoo.addons.__path__ if os.path.isdir(p)]
    return ",".join(dict.fromkeys([str(ROOT / "addons"), *paths]))


def suite_addons():
    return sorted(
        p.name for p in (ROOT / "addons").iterdir() if (p / "__manifest__.py").exists()
    )


def odoo_cmd(conf, db, *args):
    return [
        *args[:1],
        "-c",
        conf,
        "--addons-path",
        addons_path(),
        "-d",
        db,
        *args[1:],
    ]


def odoo(conf, db, *args, stdin=None):
    cmd = [sys.executable, "-m", "odoo", *odoo_cmd(conf, db, *args)]
    result = subprocess.run(
        cmd, input=stdin, text=True, capture_output=True, check=False
    )
    errors = [
        line
        for line in result.stderr.splitlines()
        if " ERROR " in line or " CRITICAL " in line
    ]
    if result.returncode or errors:
        sys.stderr.write(result.stderr[-20000:])
        raise SystemExit(f"odoo {' '.join(args)} failed on {db}")
    return result.stdout


def shell(conf, db, code, tag):
    out = odoo(conf, db, "shell", "--no-http", stdin=code)
    line = next(line for line in out.splitlines() if line.startswith(tag + " "))
    return json.loads(line[len(tag) + 1 :])


def start_tests(conf, db, log, port, tours):
    """Start the upstream tests on ``db``; their log goes to ``log``."""
    tags = ",".join(f"/{module}" for module in UPSTREAM)
    argv = odoo_cmd(
        conf,
        db,
        "server",
        "--test-enable",
        "--test-tags",
        tags,
        "--stop-after-init",
        "--http-port",
        str(port),
        "--log-level",
        "info",
        "--logfile",
        str(log),
    )
    child = [sys.executable, __file__, "--as-odoo", *(["--tours"] if tours else [])]
    return subprocess.Popen([*child, "--", *argv])


def results(log):
    """{test: "FAIL|ERROR <the exception's line>"}, {module: tests run}."""
    failures, counts = {}, {}
    key = None
    for line in Path(log).read_text(errors="replace").splitlines():
        if LOG_LINE_RE.match(line):
            key = None
        elif key and line.strip() and not line.startswith(" "):
            # the last unindented line of the traceback: the exception
            failures[key] = f"{failures[key].split(' ', 1)[0]} {line.strip()[:160]}"
        match = FAILURE_RE.search(line)
        if match:
            logger, flavour, test = match.groups()
            module = MODULE_RE.search(f"{logger} {test}")
            key = f"{module.group(1) if module else logger}: {test.strip()}"
            failures.setdefault(key, flavour)
            continue
        match = STATS_RE.search(line)
        if match:
            counts[match.group(1)] = int(match.group(2))
    return failures, counts


def report(name, failures, counts):
    total = sum(counts.get(module, 0) for module in UPSTREAM)
    print(f"\n{name}: {total} tests run, {len(failures)} failed")
    for module in UPSTREAM:
        print(f"  {module}: {counts.get(module, 0)} tests")
    for test, failure in sorted(failures.items()):
        print(f"  {test}\n      {failure}")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--as-odoo":
        tours = sys.argv[2] == "--tours"
        argv = sys.argv[sys.argv.index("--") + 1 :]
        return run_as_odoo(argv, tours)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tours", action="store_true", help="run browser tours")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--http-port", type=int, default=8069)
    parser.add_argument("--logs", type=Path, help="copy the test logs there")
    args = parser.parse_args()
    start = time.monotonic()

    def step(text):
        minutes = (time.monotonic() - start) / 60
        print(f"[{minutes:5.1f} min] {text}", flush=True)

    with tempfile.TemporaryDirectory(prefix="crm-upstream-") as tmp:
        conf = Path(tmp) / "odoo.conf"
        conf.write_text(
            (ROOT / "config" / "odoo.conf").read_text()
            + f"crm_encryption_key = {KEY}\ncrm_encryption_key_id = upstream\n"
        )
        conf = str(conf)
        logs = {db: Path(tmp) / f"{db}.log" for db in (BARE, SUITE)}
        try:
            for db in (BARE, SUITE):
                subprocess.run(["dropdb", "--if-exists", db], check=True)
            step(f"installing {', '.join(UPSTREAM)} with demo data into {BARE}")
            odoo(
                conf,
                BARE,
                "server",
                "-i",
                ",".join(UPSTREAM),
                "--with-demo",
                "--stop-after-init",
                "--no-http",
            )
            subprocess.run(["createdb", "-T", BARE, SUITE], check=True)
            step(f"testing {BARE}, meanwhile installing the suite into {SUITE}")
            bare_tests = start_tests(conf, BARE, logs[BARE], args.http_port, args.tours)
            site_rule = shell(conf, SUITE, SITE_RULE, "SITE_RULE")
            odoo(
                conf,
                SUITE,
                "server",
                "-i",
                ",".join(suite_addons()),
                "--with-demo",
                "--stop-after-init",
                "--no-http",
            )
            adopted = shell(conf, SUITE, ADOPTED, "ADOPTED")
            bare_tests.wait()
            step(f"testing {SUITE}")
            start_tests(conf, SUITE, logs[SUITE], args.http_port, args.tours).wait()
            step("done")
            bare_failures, bare_counts = results(logs[BARE])
            suite_failures, suite_counts = results(logs[SUITE])
            if args.logs:
                args.logs.mkdir(parents=True, exist_ok=True)
                for log in logs.values():
                    shutil.copy(log, args.logs / log.name)
        finally:
            if not args.keep:
                for db in (BARE, SUITE):
                    subprocess.run(["dropdb", "--if-exists", db], check=False)

    adopted_ok = adopted == {
        "ids": [site_rule],
        "ownership": "adopted",
        "email_logged": True,
        "customer_rank_logged": False,
    }
    print(
        f"\nsite's auditlog rule on res.partner adopted by the suite: "
        f"{'ok' if adopted_ok else 'FAILED'} {json.dumps(adopted)}"
    )
    report(f"without the suite ({BARE})", bare_failures, bare_counts)
    report(f"with the suite ({SUITE})", suite_failures, suite_counts)
    only_suite = sorted(set(suite_failures) - set(bare_failures))
    print(f"\nfailing only with the suite: {len(only_suite)}")
    for test in only_suite:
        print(f"  {test}\n      {suite_failures[test]}")
    not_run = [
        module
        for module in UPSTREAM
        if suite_counts.get(module, 0) < bare_counts.get(module, 0)
    ]
    for module in not_run:
        print(
            f"  fewer tests run with the suite in {module}: "
            f"{suite_counts.get(module, 0)} < {bare_counts.get(module, 0)}"
        )
    return 1 if only_suite or not adopted_ok else 0


if __name__ == "__main__":
    sys.exit(main())
