# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Suite-wide packaging checks: the addons build as OCA-style wheels with whool,
and their README.rst is the one bin/readme generates from readme/*.md.

No Odoo database is needed. Each addon is copied (without caches) to a temporary
folder outside any git repository and built there with
``pip wheel --no-deps --no-build-isolation``; the environment variable
``WHOOL_POST_VERSION_STRATEGY_OVERRIDE=none`` makes the wheel version the manifest
version as is. (Inside the git repository whool would package only the files that
``git ls-files`` lists and would add a ".N" suffix for commits or uncommitted changes
made since the last version bump, so the result would depend on the git state.)
"""

import ast
import email.parser
import importlib.machinery
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from docutils.core import publish_string

REPO_ROOT = Path(__file__).resolve().parent.parent
ADDONS_DIR = REPO_ROOT / "addons"

# addons that are packaged and checked here
WHEEL_ADDONS = (
    "crm_customer_privacy",
    "crm_customer_message",
    "crm_fresh_loyalty",
    "crm_aftersales",
    "crm_analytics",
)
# every addon of the suite must carry the whool pyproject.toml
ALL_ADDONS = WHEEL_ADDONS + (
    "crm_fresh_loyalty_pos",
    "crm_aftersales_pos",
    "crm_analytics_aftersales",
    "crm_fresh_loyalty_website",
    "crm_oca_l10n_zh_cn",
)

README_GENERATOR = REPO_ROOT / "bin" / "readme"
README_FRAGMENTS = ("DESCRIPTION", "USAGE", "CONFIGURE", "CONTRIBUTORS")

BUILD_TIMEOUT = 120  # seconds, for one pip wheel run
WHOOL_BACKEND = {"requires": ["whool"], "build-backend": "whool.buildapi"}
# left out of the temporary copy: caches and build leftovers
COPY_IGNORE = shutil.ignore_patterns(
    "__pycache__", "*.pyc", "*.pyo", ".pytest_cache", "*.egg-info", "PKG-INFO"
)


# pytest-odoo's plugin adds the autouse session fixtures ``load_registry`` and
# ``load_http``, which open the Odoo registry of --odoo-database (and fail when no
# database was given). These checks need no database: override both fixtures for
# this module only. Tests in other modules still get the plugin's fixtures.
@pytest.fixture(scope="session")
def load_registry():
    yield


@pytest.fixture(scope="session")
def load_http():
    yield


def _manifest(addon):
    return ast.literal_eval((ADDONS_DIR / addon / "__manifest__.py").read_text())


def _series(version):
    return ".".join(version.split(".")[:2])


def _build(addon, src_root, out_dir):
    """Build one wheel, return (addon, returncode, pip output)."""
    env = dict(os.environ)
    env.update(
        WHOOL_POST_VERSION_STRATEGY_OVERRIDE="none",
        # never let git find a repository above the temporary copy
        GIT_CEILING_DIRECTORIES=str(src_root),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_NO_INPUT="1",
    )
    env.pop("PIP_REQUIRE_VIRTUALENV", None)
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--wheel-dir",
        str(out_dir),
        str(src_root / addon),
    ]
    try:
        proc = subprocess.run(
            cmd,
            cwd=str(src_root),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=BUILD_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        return addon, -1, f"timed out after {BUILD_TIMEOUT}s\n{exc.output or ''}"
    return addon, proc.returncode, proc.stdout


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    """Build the wheels of WHEEL_ADDONS once, in parallel; map addon -> wheel dir."""
    try:
        import whool.buildapi  # noqa: F401
    except ImportError:
        pytest.fail("whool is not installed: pip install -r requirements.txt")
    base = tmp_path_factory.mktemp("packaging")
    src_root = base / "src"
    src_root.mkdir()
    out_dirs = {}
    for addon in WHEEL_ADDONS:
        shutil.copytree(ADDONS_DIR / addon, src_root / addon, ignore=COPY_IGNORE)
        out_dirs[addon] = base / "wheels" / addon
        out_dirs[addon].mkdir(parents=True)
    with ThreadPoolExecutor(max_workers=len(WHEEL_ADDONS)) as pool:
        results = list(
            pool.map(lambda a: _build(a, src_root, out_dirs[a]), WHEEL_ADDONS)
        )
    failures = [
        f"--- {addon} (exit {rc}) ---\n{output}"
        for addon, rc, output in results
        if rc != 0
    ]
    assert not failures, "pip wheel failed:\n" + "\n".join(failures)
    return {"src_root": src_root, "out": out_dirs}


def _wheel_path(wheels, addon):
    out_dir = wheels["out"][addon]
    version = _manifest(addon)["version"]
    expected = f"odoo_addon_{addon}-{version}-py3-none-any.whl"
    built = sorted(p.name for p in out_dir.iterdir())
    assert built == [expected], f"expected {expected}, pip produced {built}"
    return out_dir / expected


def _wheel_metadata(wheel_path, addon):
    version = _manifest(addon)["version"]
    with zipfile.ZipFile(wheel_path) as zf:
        text = zf.read(f"odoo_addon_{addon}-{version}.dist-info/METADATA").decode()
    return email.parser.HeaderParser().parsestr(text)


@pytest.mark.parametrize("addon", ALL_ADDONS)
def test_pyproject_uses_whool(addon):
    pyproject = ADDONS_DIR / addon / "pyproject.toml"
    assert pyproject.is_file(), f"{pyproject} is missing"
    data = tomllib.loads(pyproject.read_text())
    assert data.get("build-system") == WHOOL_BACKEND


@pytest.mark.parametrize("addon", WHEEL_ADDONS)
def test_wheel_name_and_content(wheels, addon):
    wheel_path = _wheel_path(wheels, addon)
    prefix = f"odoo/addons/{addon}/"
    with zipfile.ZipFile(wheel_path) as zf:
        names = set(zf.namelist())
    assert f"{prefix}__manifest__.py" in names
    assert f"{prefix}__init__.py" in names
    # every file of the addon is shipped (data files, views, static, i18n...),
    # except the build configuration
    src = wheels["src_root"] / addon
    expected = {
        prefix + p.relative_to(src).as_posix()
        for p in src.rglob("*")
        if p.is_file() and p.name != "pyproject.toml"
    }
    missing = sorted(expected - names)
    assert not missing, f"files missing from the wheel: {missing}"
    assert f"{prefix}pyproject.toml" not in names
    outside = sorted(
        n for n in names if not n.startswith(prefix) and ".dist-info/" not in n
    )
    assert not outside, f"unexpected files in the wheel: {outside}"


@pytest.mark.parametrize("addon", WHEEL_ADDONS)
def test_wheel_metadata(wheels, addon):
    from manifestoo_core.core_addons import get_core_addons
    from manifestoo_core.odoo_series import OdooSeries

    manifest = _manifest(addon)
    series = _series(manifest["version"])
    meta = _wheel_metadata(_wheel_path(wheels, addon), addon)
    assert meta["Name"] == f"odoo-addon-{addon}"
    assert meta["Version"] == manifest["version"]

    requires = set(meta.get_all("Requires-Dist") or [])
    odoo_requires = {r for r in requires if r.startswith(("odoo==", "odoo-addon-"))}
    core = get_core_addons(OdooSeries.from_str(series))
    expected = {f"odoo=={series}.*"} | {
        f"odoo-addon-{dep}=={series}.*"
        for dep in manifest.get("depends", [])
        if dep not in core
    }
    assert odoo_requires == expected
    # the suite's own addons depend on each other through their wheels
    for dep in manifest.get("depends", []):
        if dep in ALL_ADDONS:
            assert f"odoo-addon-{dep}=={series}.*" in requires
    # Odoo core addons come with the odoo distribution, not as separate wheels
    for dep in manifest.get("depends", []):
        if dep in core:
            assert not any(r.startswith(f"odoo-addon-{dep}=") for r in requires)


# ----------------------------------------------------------------------
# README.rst, generated from readme/*.md by bin/readme
# ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def readme_generator():
    """bin/readme, imported as a module (the script has no .py suffix)."""
    loader = importlib.machinery.SourceFileLoader("readme", str(README_GENERATOR))
    module = importlib.util.module_from_spec(
        importlib.util.spec_from_loader(loader.name, loader)
    )
    loader.exec_module(module)
    return module


def _run_readme(*args):
    return subprocess.run(
        [sys.executable, str(README_GENERATOR), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("addon", ALL_ADDONS)
def test_readme_fragments_present(addon):
    for name in README_FRAGMENTS:
        fragment = ADDONS_DIR / addon / "readme" / f"{name}.md"
        assert fragment.is_file() and fragment.read_text().strip(), (
            f"{fragment} is missing or empty"
        )


@pytest.mark.parametrize("addon", ALL_ADDONS)
def test_readme_is_up_to_date(readme_generator, addon):
    readme = ADDONS_DIR / addon / "README.rst"
    assert readme.read_text() == readme_generator.render(ADDONS_DIR / addon), (
        f"{readme} is out of date with readme/*.md: run bin/readme"
    )


@pytest.mark.parametrize("addon", ALL_ADDONS)
def test_readme_is_valid_restructuredtext(addon):
    # PyPI's settings (readme_renderer): any docutils warning is an error
    warnings = io.StringIO()
    publish_string(
        (ADDONS_DIR / addon / "README.rst").read_text(),
        writer_name="html4css1",
        settings_overrides={
            "halt_level": 2,
            "warning_stream": warnings,
            "file_insertion_enabled": False,
            "raw_enabled": False,
        },
    )
    assert not warnings.getvalue()


def test_readme_check_reports_a_changed_fragment(tmp_path):
    addon = shutil.copytree(
        ADDONS_DIR / "crm_analytics_aftersales", tmp_path / "crm_analytics_aftersales"
    )
    assert _run_readme("--check", addon).returncode == 0
    with (addon / "readme" / "USAGE.md").open("a") as usage:
        usage.write("\nA new paragraph.\n")
    check = _run_readme("--check", addon)
    assert check.returncode == 1
    assert "README.rst" in check.stderr
    assert _run_readme(addon).returncode == 0
    assert "A new paragraph." in (addon / "README.rst").read_text()
    assert _run_readme("--check", addon).returncode == 0


@pytest.mark.parametrize(
    ("markdown", "rst"),
    [
        (
            "Plain *emphasis*, **strong** and `code`.",
            "Plain *emphasis*, **strong** and ``code``.",
        ),
        # inline markup next to CJK text is set apart by escaped spaces
        ("会员*等级*页面", "会员\\ *等级*\\ 页面"),
        # characters that are markup in reStructuredText stay text
        (
            "Masked 138****5678 and crm_field_ here",
            "Masked 138\\*\\*\\*\\*5678 and crm_field\\_ here",
        ),
        (
            "[OCA rma](https://github.com/OCA/rma)",
            "`OCA rma <https://github.com/OCA/rma>`__",
        ),
        (
            "- one\n  two\n- three\n\n1. first\n2. second",
            "- one\n  two\n- three\n\n1. first\n2. second",
        ),
        # a line after a list item without a blank line continues the item
        ("- item\nlazy line", "- item\n  lazy line"),
        ("```\ncode *here*\n```", "::\n\n    code *here*"),
        ("# Title", "Title\n~~~~~"),
    ],
)
def test_readme_markdown_to_rst(readme_generator, markdown, rst):
    assert readme_generator.markdown_to_rst(markdown) == rst + "\n"


def test_readme_refuses_unsupported_markdown(readme_generator):
    with pytest.raises(readme_generator.FragmentError, match="tables"):
        readme_generator.markdown_to_rst("| a | b |\n| --- | --- |\n| 1 | 2 |")
