# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The logic of bin/test and .ci/run that decides whether CI is green:

- bin/_test_report.py reads the logs of the Odoo runner and of pytest: skipped
  tests are counted as skipped, and a skipped browser test fails the run when
  the browser is required (CI=true, CRM_REQUIRE_BROWSER=1);
- install_browser_packages (bin/_common.sh, called by .ci/run) installs a
  missing Chromium or CJK font with apt-get and says so, or fails with the
  command to run; check_test_counts fails when a kind of test ran none.

The logs are small copies of real ones (Odoo 19 with and without Chromium); the
missing browser is simulated with a PATH of stand-ins, apt-get included, so no
package is installed. No Odoo database is needed.
"""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
REPORT = REPO_ROOT / "bin" / "_test_report.py"
COMMON_SH = REPO_ROOT / "bin" / "_common.sh"

PREFIX = "2026-12-07 20:09:03,460 12047"
MODULE = "odoo.addons.crm_fresh_loyalty_website.tests.test_portal_tour"
TOUR = f"{MODULE}.TestPortalTour.test_membership_tour"
DASHBOARD = "odoo.addons.crm_analytics.tests.test_dashboard_unit"
HOOT = f"{DASHBOARD}.TestDashboardUnit.test_dashboard_components.browser"

ODOO_LOG_WITH_CHROME = f"""\
{PREFIX} INFO crm_ci {MODULE}: Starting TestPortalTour.test_membership_tour ...
{PREFIX} INFO crm_ci {TOUR}: Evaluate test code "odoo.startTour('crm_membership_portal', {{}})"
{PREFIX} INFO crm_ci {MODULE}: Starting TestPortalTour.test_complaint_tour ...
{PREFIX} INFO crm_ci {TOUR}: Evaluate test code "odoo.startTour('crm_membership_complaint', {{}})"
{PREFIX} INFO crm_ci {DASHBOARD}: Starting TestDashboardUnit.test_dashboard_components ...
{PREFIX} INFO crm_ci {HOOT}: [HOOT] Passed 6 tests (30 assertions, total time: 00:00:02)
{PREFIX} INFO crm_ci odoo.addons.crm_fresh_loyalty.tests.test_birthday: Starting TestBirthday.test_greeting_skipped_when_too_late ...
{PREFIX} INFO crm_ci odoo.service.server: 4 post-tests in 35.85s, 796 queries
{PREFIX} INFO crm_ci odoo.tests.result: 0 failed, 0 error(s) of 4 tests when loading database 'crm_ci'
"""  # noqa: E501

# Odoo 19 without Chromium: HttpCase skips every browser test
ODOO_LOG_WITHOUT_CHROME = f"""\
{PREFIX} WARNING crm_ci {DASHBOARD}.TestDashboardUnit.test_dashboard_components: Chrome executable not found
{PREFIX} INFO crm_ci {DASHBOARD}: skipped TestDashboardUnit.test_dashboard_components : Chrome executable not found
{PREFIX} WARNING crm_ci {TOUR}: Chrome executable not found
{PREFIX} INFO crm_ci {MODULE}: skipped TestPortalTour.test_membership_tour : Chrome executable not found
{PREFIX} INFO crm_ci odoo.addons.crm_fresh_loyalty.tests.test_birthday: Starting TestBirthday.test_greeting_skipped_when_too_late ...
{PREFIX} INFO crm_ci odoo.service.server: 3 post-tests in 35.85s, 796 queries
{PREFIX} INFO crm_ci odoo.tests.result: 0 failed, 0 error(s) of 3 tests when loading database 'crm_ci'
"""  # noqa: E501

PYTEST_LOG = "....s.\n71 passed, 2 skipped, 1 warning, 18 subtests passed in 12.23s\n"


# pytest-odoo's autouse session fixtures open the registry of --odoo-database;
# these checks need none (as in test_packaging.py).
@pytest.fixture(scope="session")
def load_registry():
    yield


@pytest.fixture(scope="session")
def load_http():
    yield


def _report(tmp_path, odoo_log, *args, odoo_rc=0, pytest_log=PYTEST_LOG):
    (tmp_path / "odoo.log").write_text(odoo_log)
    (tmp_path / "pytest.log").write_text(pytest_log)
    return subprocess.run(
        [
            sys.executable,
            str(REPORT),
            "--odoo-log",
            str(tmp_path / "odoo.log"),
            "--odoo-rc",
            str(odoo_rc),
            "--pytest-log",
            str(tmp_path / "pytest.log"),
            "--pytest-rc",
            "0",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _last_line(result):
    return result.stdout.strip().splitlines()[-1]


def test_report_counts_the_tests_of_each_kind(tmp_path):
    result = _report(tmp_path, ODOO_LOG_WITH_CHROME, "--require-browser")
    assert result.returncode == 0, result.stderr
    assert "Tests by kind: odoo=4 pytest=71 tours=2 hoot=6" in result.stdout
    assert _last_line(result) == "75 passed, 0 failed, 2 skipped"


def test_report_counts_skipped_browser_tests_as_skipped(tmp_path):
    result = _report(tmp_path, ODOO_LOG_WITHOUT_CHROME)
    assert result.returncode == 0, result.stderr
    assert _last_line(result) == "72 passed, 0 failed, 4 skipped"
    assert "Tests by kind: odoo=3 pytest=71 tours=0 hoot=0" in result.stdout
    assert "2 browser test(s) skipped" in result.stderr


def test_report_fails_on_a_skipped_browser_test_when_required(tmp_path):
    result = _report(tmp_path, ODOO_LOG_WITHOUT_CHROME, "--require-browser")
    assert result.returncode == 1
    assert _last_line(result) == "72 passed, 2 failed, 2 skipped"
    assert "TestPortalTour.test_membership_tour (Chrome executable not found)" in (
        result.stderr
    )
    assert "apt-get install -y chromium fonts-wqy-microhei" in result.stderr


def test_report_skipped_class_is_not_among_the_tests_run(tmp_path):
    log = ODOO_LOG_WITH_CHROME + (
        f"{PREFIX} INFO crm_ci odoo.addons.x.tests.test_y: skipped setUpClass "
        "(odoo.addons.x.tests.test_y.TestY) : needs the website\n"
    )
    result = _report(tmp_path, log, "--require-browser")
    assert result.returncode == 0, result.stderr
    assert _last_line(result) == "75 passed, 0 failed, 3 skipped"


@pytest.mark.parametrize(
    ("odoo_log", "odoo_rc", "reason"),
    [
        (ODOO_LOG_WITH_CHROME, 1, "Odoo exited with code 1"),
        (
            ODOO_LOG_WITH_CHROME
            + f"{PREFIX} ERROR crm_ci odoo.modules.loading: invalid view\n",
            0,
            "Odoo logged 1 error line(s)",
        ),
        ("Traceback: no database\n", 0, "the Odoo runner logged no test summary"),
    ],
)
def test_report_fails_when_odoo_did_not_end_normally(
    tmp_path, odoo_log, odoo_rc, reason
):
    result = _report(tmp_path, odoo_log, odoo_rc=odoo_rc)
    assert result.returncode == 1
    assert reason in result.stderr
    assert ", 1 failed, " in _last_line(result)


# ----------------------------------------------------------------------
# bin/_common.sh: the browser packages and the counts of .ci/run
# ----------------------------------------------------------------------


@pytest.fixture
def fake_bin(tmp_path):
    """A PATH without Chrome nor fc-list: the shell tools bin/_common.sh uses,
    and an apt-get that logs its calls and "installs" chromium and a CJK
    font as stand-ins in the same folder."""
    path = tmp_path / "bin"
    path.mkdir()
    for tool in ("bash", "env", "id", "dirname", "grep", "cut", "tail", "chmod"):
        os.symlink(shutil.which(tool), path / tool)
    _script(
        path / "apt-get",
        f"""\
        echo "apt-get $*" >> {tmp_path}/apt.log
        if [ "$1" = install ]; then
            printf '#!/bin/sh\\n' > {path}/chromium
            printf '#!/bin/sh\\necho "WenQuanYi Micro Hei"\\n' > {path}/fc-list
            chmod +x {path}/chromium {path}/fc-list
        fi
        """,
    )
    return path


def _script(path, body):
    path.write_text("#!/bin/bash\n" + textwrap.dedent(body))
    path.chmod(0o755)


def _common(fake_bin, command):
    return subprocess.run(
        [str(fake_bin / "bash"), "-c", f'source "{COMMON_SH}" && {command}'],
        env={"PATH": str(fake_bin)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _apt_calls(fake_bin):
    log = fake_bin.parent / "apt.log"
    return log.read_text().splitlines() if log.exists() else []


def test_browser_packages_installed_as_root(fake_bin):
    _script(fake_bin / "id", "echo 0")
    result = _common(fake_bin, "install_browser_packages")
    assert result.returncode == 0, result.stderr
    assert _apt_calls(fake_bin) == [
        "apt-get update",
        "apt-get install -y chromium fonts-wqy-microhei",
    ]
    assert (
        "Browser tests need chromium fonts-wqy-microhei: installing them "
        "(apt-get update && apt-get install -y chromium fonts-wqy-microhei)"
    ) in result.stdout
    assert f"Browser tests: {fake_bin}/chromium" in result.stdout


def test_browser_packages_installed_through_sudo(fake_bin):
    _script(fake_bin / "id", "echo 1000")
    _script(
        fake_bin / "sudo",
        """\
        [ "$1" = -n ] && shift
        echo "sudo $*" >> "$(dirname "$0")/sudo.log"
        "$@"
        """,
    )
    result = _common(fake_bin, "install_browser_packages")
    assert result.returncode == 0, result.stderr
    assert "(sudo apt-get update && apt-get install -y" in result.stdout
    assert _apt_calls(fake_bin)[-1] == "apt-get install -y chromium fonts-wqy-microhei"
    assert "sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium" in (
        (fake_bin / "sudo.log").read_text()
    )


def test_browser_packages_missing_without_root_names_the_command(fake_bin):
    _script(fake_bin / "id", "echo 1000")
    _script(fake_bin / "sudo", "echo 'sudo: a password is required' >&2\nexit 1")
    result = _common(fake_bin, "install_browser_packages")
    assert result.returncode == 1
    assert _apt_calls(fake_bin) == []
    assert (
        "the browser tests need the Debian package(s) chromium fonts-wqy-microhei; "
        "as root, run: apt-get update && apt-get install -y chromium "
        "fonts-wqy-microhei"
    ) in result.stderr


def test_browser_packages_present_installs_nothing(fake_bin):
    _script(fake_bin / "id", "echo 0")
    _script(fake_bin / "google-chrome", "exit 0")
    _script(fake_bin / "fc-list", "echo 'Noto Sans CJK SC'")
    result = _common(fake_bin, "install_browser_packages")
    assert result.returncode == 0, result.stderr
    assert _apt_calls(fake_bin) == []
    chrome = fake_bin / "google-chrome"
    assert result.stdout == f"Browser tests: {chrome}, with a CJK font\n"


def test_browser_packages_failed_install_fails(fake_bin):
    _script(fake_bin / "id", "echo 0")
    _script(fake_bin / "apt-get", "exit 100")
    result = _common(fake_bin, "install_browser_packages")
    assert result.returncode == 1
    assert "error: installing chromium fonts-wqy-microhei failed" in result.stderr


@pytest.mark.parametrize(
    ("output", "returncode", "message"),
    [
        ("Tests by kind: odoo=753 pytest=71 tours=8 hoot=6\n", 0, ""),
        ("Tests by kind: odoo=750 pytest=71 tours=0 hoot=6\n", 1, "no browser tours"),
        ("Tests by kind: odoo=750 pytest=0 tours=8 hoot=6\n", 1, "no pytest tests"),
        ("Tests by kind: odoo=750 pytest=71 tours=8 hoot=0\n", 1, "no HOOT unit"),
        ("71 passed, 0 failed, 0 skipped\n", 1, "printed no test counts"),
    ],
)
def test_check_test_counts(fake_bin, tmp_path, output, returncode, message):
    (tmp_path / "output.log").write_text("Installing\n" + output)
    result = _common(fake_bin, f"check_test_counts {tmp_path}/output.log")
    assert result.returncode == returncode, result.stderr
    assert message in result.stderr
    if returncode == 0:
        assert result.stdout.splitlines() == [
            "Odoo runner tests: 753",
            "pytest tests: 71",
            "browser tours: 8",
            "HOOT unit tests: 6",
        ]


# ----------------------------------------------------------------------
# bin/test end to end, with a stand-in Python for Odoo's and pytest's runs
# ----------------------------------------------------------------------


@pytest.fixture
def bin_test(fake_bin, tmp_path):
    """Run bin/test with PATH = fake_bin (no Chrome) plus the shell tools it
    uses, and a $PYTHON that prints the given logs for "-m odoo" and
    "-m pytest" and is the real Python otherwise."""
    for tool in ("mktemp", "tee", "cat", "sed", "rm"):
        os.symlink(shutil.which(tool), fake_bin / tool)
    _script(fake_bin / "id", "echo 0")
    python = tmp_path / "python"
    _script(
        python,
        f"""\
        case "$1 $2" in
            "-m odoo") cat {tmp_path}/odoo.log; exit 0 ;;
            "-m pytest") cat {tmp_path}/pytest.log; exit 0 ;;
        esac
        exec {sys.executable} "$@"
        """,
    )

    def run(odoo_log, **env):
        (tmp_path / "odoo.log").write_text(odoo_log)
        (tmp_path / "pytest.log").write_text(PYTEST_LOG)
        return subprocess.run(
            [str(fake_bin / "bash"), str(REPO_ROOT / "bin" / "test")],
            env={
                "PATH": str(fake_bin),
                "PYTHON": str(python),
                "CRM_SKIP_PIP": "1",
                "CRM_TEST_DB": "crm_ci_stand_in",
                "TMPDIR": str(tmp_path),
                **env,
            },
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return run


def test_bin_test_counts_skipped_browser_tests(bin_test):
    result = bin_test(ODOO_LOG_WITHOUT_CHROME)
    assert result.returncode == 0, result.stderr
    assert _last_line(result) == "72 passed, 0 failed, 4 skipped"


@pytest.mark.parametrize("env", [{"CI": "true"}, {"CRM_REQUIRE_BROWSER": "1"}])
def test_bin_test_requires_chromium_under_ci(bin_test, env):
    result = bin_test(ODOO_LOG_WITH_CHROME, **env)
    assert result.returncode == 2
    assert (
        "as root, run: apt-get update && apt-get install -y chromium fonts-wqy-microhei"
    ) in result.stderr
    assert "Creating database" not in result.stdout


def test_bin_test_fails_on_skipped_browser_test_under_ci(bin_test, fake_bin):
    _script(fake_bin / "chromium", "exit 0")
    _script(fake_bin / "fc-list", "echo 'WenQuanYi Micro Hei'")
    result = bin_test(ODOO_LOG_WITHOUT_CHROME, CI="true")
    assert result.returncode == 1
    assert _last_line(result) == "72 passed, 2 failed, 2 skipped"
    result = bin_test(ODOO_LOG_WITH_CHROME, CI="true")
    assert result.returncode == 0, result.stderr
    assert _last_line(result) == "75 passed, 0 failed, 2 skipped"
