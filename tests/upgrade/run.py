#!/usr/bin/env python3
# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Upgrade a database of an earlier version of the suite to this checkout.

    python3 tests/upgrade/run.py [--from REF] [--db NAME] [--keep]

1. checks out REF (default: ff59597, the last commit before the addons were
   split by concern) into a temporary git worktree;
2. installs that suite with its demo data into a new database, then adds what
   the demo lacks: an encrypted national ID and a sensitive value;
3. records what the database holds (ledger lines, tier history, complaints,
   customer messages, the decrypted national ID, the partners' tiers...);
4. upgrades the database with this checkout (``-u`` of the suite's addons,
   which installs the addons split from them);
5. checks that every recorded figure is unchanged, that every XML id points
   to an existing record, and that no XML id is left to a module that no longer
   declares it.

Prints one line per check and exits non-zero on the first failure report.
Needs Odoo 19.0 importable by python3 and a PostgreSQL the current user can
create databases in (as bin/test). Takes about ten minutes on two cores.
"""

import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_FROM = "ff59597"
# A fixed test key: the upgrade must keep the values readable with the key
# they were written with.
KEY = base64.b64encode(bytes(range(32))).decode()
NATIONAL_ID = "110101199003074578"

SEED = r"""
partner = env.ref("crm_fresh_loyalty.res_partner_fresh_03_demo")
partner.crm_national_id = %(national_id)r
# an attribute the customer holds no value of (the national ID is one since
# crm_customer_privacy)
held = env["crm.sensitive.value"].search([("partner_id", "=", partner.id)])
attribute = env["crm.sensitive.attribute"].search(
    [("id", "not in", held.attribute_id.ids)], limit=1
)
if attribute:
    env["crm.sensitive.value"].create(
        {"partner_id": partner.id, "attribute_id": attribute.id, "value": "A-12345"}
    )
env.cr.commit()
"""

# Run by the old and the new code alike: only models and fields both have.
SNAPSHOT = r"""
import json
import math
partner = env.ref("crm_fresh_loyalty.res_partner_fresh_03_demo")
counts = {}
for model in (
    "loyalty.card", "loyalty.history", "crm.membership.tier",
    "crm.membership.tier.history", "helpdesk.ticket", "rma",
    "crm.customer.message", "crm.personal.data.access.log",
    "crm.tag.rule", "crm.value.category", "crm.complaint.compensation",
    "crm.customer.analytics", "crm.rfm.history", "crm.kpi.snapshot",
    "auditlog.rule",
):
    if model in env:
        records = env[model].sudo().with_context(active_test=False)
        # the whole-points migration (19.0.1.3.0) adds one line per card it rounds
        domain = [("description", "!=", "Rounded to whole points")] if (
            model == "loyalty.history"
        ) else []
        counts[model] = records.search_count(domain)
# whole points since 19.0.1.3.0: balances are compared rounded down
points = sum(
    math.floor(card_points + 1e-6)
    for card_points in env["loyalty.card"].sudo().search([]).mapped("points")
)
tiers = {
    p.id: p.crm_tier_id.name
    for p in env["res.partner"].sudo().search([("crm_tier_id", "!=", False)])
}
values = {
    v.attribute_id.name: v.value
    for v in env["crm.sensitive.value"].sudo().search([("partner_id", "=", partner.id)])
}
values["national_id"] = partner.sudo().crm_national_id
# since crm_customer_privacy, the national ID is a sensitive value too
national = env.ref(
    "crm_customer_privacy.crm_sensitive_attribute_national_id",
    raise_if_not_found=False,
)
if national:
    values.pop(national.name, None)
# every scheduled action survives the upgrade (new versions may add some)
crons = sorted(
    env["ir.cron"].sudo().with_context(active_test=False).search([]).mapped("cron_name")
)
print("SNAPSHOT " + json.dumps({
    "counts": counts, "crons": crons, "points": round(points, 2),
    "tiers": {str(k): v for k, v in sorted(tiers.items())}, "values": values,
}, sort_keys=True))
"""

ORPHANS = r"""
import json
env.cr.execute("SELECT DISTINCT model FROM ir_model_data WHERE res_id IS NOT NULL")
orphans = {}
for (model,) in env.cr.fetchall():
    if model not in env or env[model]._abstract or not env[model]._auto:
        continue
    env.cr.execute(
        f'''SELECT d.module || '.' || d.name FROM ir_model_data d
             WHERE d.model = %s AND NOT EXISTS
                   (SELECT 1 FROM "{env[model]._table}" r WHERE r.id = d.res_id)''',
        [model],
    )
    rows = [row[0] for row in env.cr.fetchall()]
    if rows:
        orphans[model] = rows
env.cr.execute(
    '''SELECT d.module, count(*) FROM ir_model_data d
         LEFT JOIN ir_module_module m ON m.name = d.module
        WHERE m.id IS NULL OR m.state != 'installed' GROUP BY d.module'''
)
stale = dict(env.cr.fetchall())
print("ORPHANS " + json.dumps({"orphans": orphans, "stale_modules": stale}))
"""


def addons_path(addons_dir):
    import odoo.addons

    paths = [os.path.abspath(p) for p in odoo.addons.__path__ if os.path.isdir(p)]
    return ",".join(dict.fromkeys([str(addons_dir), *paths]))


def suite_addons(addons_dir):
    return sorted(
        p.name for p in Path(addons_dir).iterdir() if (p / "__manifest__.py").exists()
    )


def odoo(conf, addons_dir, db, *args, stdin=None):
    cmd = [
        sys.executable,
        "-m",
        "odoo",
        *args[:1],
        "-c",
        conf,
        "--addons-path",
        addons_path(addons_dir),
        "-d",
        db,
        *args[1:],
    ]
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


def shell(conf, addons_dir, db, code, tag):
    out = odoo(conf, addons_dir, db, "shell", "--no-http", stdin=code)
    line = next(line for line in out.splitlines() if line.startswith(tag + " "))
    return json.loads(line[len(tag) + 1 :])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="ref", default=DEFAULT_FROM)
    parser.add_argument("--db", default="crm_upgrade_test")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="crm-upgrade-") as tmp:
        old = Path(tmp) / "old"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), args.ref],
            check=True,
            capture_output=True,
        )
        conf = Path(tmp) / "odoo.conf"
        conf.write_text(
            (ROOT / "config" / "odoo.conf").read_text()
            + f"crm_encryption_key = {KEY}\ncrm_encryption_key_id = upgrade\n"
        )
        conf = str(conf)
        try:
            subprocess.run(["dropdb", "--if-exists", args.db], check=True)
            old_addons = suite_addons(old / "addons")
            print(f"installing {args.ref} ({', '.join(old_addons)}) with demo data")
            odoo(
                conf,
                old / "addons",
                args.db,
                "server",
                "-i",
                ",".join(old_addons),
                "--with-demo",
                "--stop-after-init",
                "--no-http",
            )
            odoo(
                conf,
                old / "addons",
                args.db,
                "shell",
                "--no-http",
                stdin=SEED % {"national_id": NATIONAL_ID},
            )
            before = shell(conf, old / "addons", args.db, SNAPSHOT, "SNAPSHOT")
            print("upgrading with this checkout")
            odoo(
                conf,
                ROOT / "addons",
                args.db,
                "server",
                "-u",
                ",".join(old_addons),
                "--stop-after-init",
                "--no-http",
            )
            after = shell(conf, ROOT / "addons", args.db, SNAPSHOT, "SNAPSHOT")
            check = shell(conf, ROOT / "addons", args.db, ORPHANS, "ORPHANS")
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)],
                check=False,
            )
            if not args.keep:
                subprocess.run(["dropdb", "--if-exists", args.db], check=False)

    failures = []
    for key in ("counts", "points", "tiers", "values"):
        ok = before[key] == after[key]
        shown = json.dumps(after[key], ensure_ascii=False)[:300]
        print(f"{'ok ' if ok else 'FAIL'} {key}: {shown}")
        if not ok:
            failures.append(f"{key}: before {before[key]}, after {after[key]}")
    lost = sorted(set(before["crons"]) - set(after["crons"]))
    print(f"{'FAIL' if lost else 'ok '} scheduled actions kept: lost {lost or 'none'}")
    if lost:
        failures.append(f"scheduled actions lost: {lost}")
    ok = after["values"].get("national_id") == NATIONAL_ID
    print(f"{'ok ' if ok else 'FAIL'} national ID reads back after the upgrade")
    if not ok:
        failures.append("national ID lost")
    for key, label in (
        ("orphans", "XML ids without their record"),
        ("stale_modules", "XML ids of modules not installed"),
    ):
        ok = not check[key]
        print(f"{'ok ' if ok else 'FAIL'} {label}: {check[key] or 'none'}")
        if not ok:
            failures.append(f"{label}: {check[key]}")
    if failures:
        raise SystemExit("upgrade check failed:\n  " + "\n  ".join(failures))
    print("upgrade check passed")


if __name__ == "__main__":
    main()
