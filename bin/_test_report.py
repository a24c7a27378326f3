# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The result of bin/test, read from the logs of its two runs.

    python3 bin/_test_report.py --odoo-log LOG --odoo-rc RC \
        --pytest-log LOG --pytest-rc RC [--require-browser]

Odoo's runner ends with "F failed, E error(s) of N tests when loading database";
N counts the tests it started, skipped ones included. A skipped test is logged
as "skipped <Class.test> : <reason>" (``OdooTestResult.addSkip``); a test class
skipped as a whole as "skipped setUpClass (<class>) : <reason>", not started, so
not in N. HttpCase skips its browser tests when it finds no Chrome ("Chrome
executable not found") or no websocket-client, with the reason naming them.

Prints the counts of each kind of test (Odoo runner, pytest, browser tours,
HOOT unit tests), one line "Tests by kind: odoo=N pytest=N tours=N hoot=N" that
.ci/run reads, and last "N passed, N failed, N skipped". Exits 1 when a test
failed, a run did not end normally, or, with --require-browser, a browser test
was skipped.
"""

import argparse
import re
import sys
from pathlib import Path

# "2026-12-07 19:57:28,527 31936 INFO db odoo.addons.x.tests.y: message"
_LOG_LINE = r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
ODOO_SUMMARY = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)
ODOO_ERROR = re.compile(_LOG_LINE + r"(ERROR|CRITICAL) ")
ODOO_SKIP = re.compile(_LOG_LINE + r"INFO \S+ \S+: skipped (.+?) : (.*?)\s*$")
# the class or module set-ups that a skip stops before any test starts
NOT_STARTED = re.compile(r"^(setUpClass|setUpModule) \(")
# the reasons HttpCase gives when it cannot drive a browser
BROWSER_REASON = re.compile(r"chrome|browser|websocket", re.IGNORECASE)
# HttpCase.start_tour, and so start_pos_tour, runs odoo.startTour in Chrome
TOUR_RUN = re.compile(r'Evaluate test code "odoo\.startTour\(')
# the last line of a HOOT run: "[HOOT] Passed 6 tests (30 assertions, ...)" or
# "[HOOT] Failed 1 tests (5 passed, ...)"
HOOT_PASSED = re.compile(r"\[HOOT\] Passed (\d+) tests")
HOOT_FAILED = re.compile(r"\[HOOT\] Failed (\d+) tests \((\d+) passed")
# pytest's last line: "71 passed, 2 skipped, 1 warning, 18 subtests passed in 9.1s"
PYTEST_COUNT = re.compile(r"(\d+) (subtests? )?(passed|failed|errors?|skipped)\b")


def odoo_counts(text, returncode):
    """Counts of the Odoo runner's log, with the reasons it failed."""
    counts = {"run": 0, "failed": 0, "skipped": 0, "tours": 0, "hoot": 0}
    problems = []
    summaries = ODOO_SUMMARY.findall(text)
    if summaries:
        failed, errors, run = map(int, summaries[-1])
        counts.update(run=run, failed=failed + errors)
    else:
        problems.append("the Odoo runner logged no test summary")
    started_skips = 0
    browser_skips = []
    for line in text.splitlines():
        skip = ODOO_SKIP.match(line)
        if not skip:
            continue
        test, reason = skip.groups()
        counts["skipped"] += 1
        started_skips += not NOT_STARTED.match(test)
        if BROWSER_REASON.search(reason):
            browser_skips.append(f"{test} ({reason})")
    counts["passed"] = max(counts["run"] - counts["failed"] - started_skips, 0)
    counts["tours"] = len(TOUR_RUN.findall(text))
    counts["hoot"] = sum(map(int, HOOT_PASSED.findall(text))) + sum(
        int(failed) + int(passed) for failed, passed in HOOT_FAILED.findall(text)
    )
    logged_errors = sum(1 for line in text.splitlines() if ODOO_ERROR.match(line))
    if returncode != 0:
        problems.append(f"Odoo exited with code {returncode}")
    if logged_errors:
        problems.append(f"Odoo logged {logged_errors} error line(s)")
    if problems and not counts["failed"]:
        counts["failed"] = 1
    return counts, problems, browser_skips


def pytest_counts(text, returncode):
    lines = text.strip().splitlines()
    last = lines[-1] if lines else ""
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    for number, subtests, outcome in PYTEST_COUNT.findall(last):
        if subtests:
            continue
        key = {"error": "failed", "errors": "failed"}.get(outcome, outcome)
        counts[key] += int(number)
    problems = []
    if returncode != 0 and not counts["failed"]:
        problems.append(f"pytest exited with code {returncode}")
        counts["failed"] = 1
    return counts, problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--odoo-log", type=Path, required=True)
    parser.add_argument("--odoo-rc", type=int, required=True)
    parser.add_argument("--pytest-log", type=Path, required=True)
    parser.add_argument("--pytest-rc", type=int, required=True)
    parser.add_argument(
        "--require-browser",
        action="store_true",
        help="fail when a browser test (tour, HOOT) was skipped",
    )
    args = parser.parse_args(argv)
    odoo, problems, browser_skips = odoo_counts(
        args.odoo_log.read_text(errors="replace"), args.odoo_rc
    )
    py, py_problems = pytest_counts(
        args.pytest_log.read_text(errors="replace"), args.pytest_rc
    )
    problems += py_problems
    if browser_skips:
        message = (
            f"{len(browser_skips)} browser test(s) skipped: "
            + "; ".join(browser_skips)
            + ". They need Chromium (Debian: apt-get install -y chromium "
            "fonts-wqy-microhei) and websocket-client (requirements.txt)."
        )
        if args.require_browser:
            # required: a skipped browser test is a failed one
            problems.append(message)
            odoo["skipped"] -= len(browser_skips)
            odoo["failed"] += len(browser_skips)
        else:
            print(f"warning: {message}", file=sys.stderr)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    print(
        f"Odoo runner: {odoo['run']} tests, {odoo['passed']} passed, "
        f"{odoo['failed']} failed, {odoo['skipped']} skipped; in Chromium: "
        f"{odoo['tours']} browser tours, {odoo['hoot']} HOOT unit tests"
    )
    print(
        f"pytest: {py['passed']} passed, {py['failed']} failed, {py['skipped']} skipped"
    )
    print(
        f"Tests by kind: odoo={odoo['run']} pytest={py['passed'] + py['failed']} "
        f"tours={odoo['tours']} hoot={odoo['hoot']}"
    )
    failed = odoo["failed"] + py["failed"]
    print(
        f"{odoo['passed'] + py['passed']} passed, {failed} failed, "
        f"{odoo['skipped'] + py['skipped']} skipped"
    )
    return 1 if failed or problems else 0


if __name__ == "__main__":
    sys.exit(main())
