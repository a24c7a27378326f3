# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Shared by bin/serve, bin/test and .ci/run: checks the runtime, prepares PostgreSQL
# and the browser of the browser tests.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
SUITE_ADDONS="crm_customer_privacy,crm_customer_message,crm_fresh_loyalty,crm_aftersales,crm_analytics,crm_fresh_loyalty_pos,crm_aftersales_pos,crm_analytics_aftersales,crm_analytics_pos,crm_analytics_website,crm_fresh_loyalty_website,crm_campaign,crm_oca_l10n_zh_cn"

require_odoo() {
    if ! "$PYTHON" -c 'import odoo.release, sys; sys.exit(odoo.release.version_info[:2] != (19, 0))' 2>/dev/null; then
        cat >&2 <<MSG
error: Odoo 19.0 is not importable by '$PYTHON'.
  The suite runs on Odoo 19.0 Community. Either
  - install it from the official source: clone https://github.com/odoo/odoo (branch 19.0),
    then 'pip install -r requirements.txt' and 'pip install -e .' in that clone; or
  - use the Docker path of the README: 'docker compose up -d' and 'docker compose run --rm test'.
MSG
        exit 2
    fi
}

# Start the local PostgreSQL cluster when installed but stopped, and create the
# role of the current OS user when it is missing (not when PGHOST points elsewhere).
prepare_postgres() {
    if [ -n "${PGHOST:-}" ] || ! command -v pg_lsclusters >/dev/null 2>&1; then
        return 0
    fi
    local version cluster status
    while read -r version cluster _port status _rest; do
        if [ "$status" = "down" ]; then
            echo "Starting PostgreSQL cluster $version/$cluster"
            if [ "$(id -u)" = 0 ]; then
                pg_ctlcluster "$version" "$cluster" start
            else
                sudo pg_ctlcluster "$version" "$cluster" start
            fi
        fi
    done < <(pg_lsclusters --no-header 2>/dev/null)
    if ! psql -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
        echo "Creating the PostgreSQL role '$(id -un)'"
        if [ "$(id -u)" = 0 ]; then
            su postgres -c "createuser -s $(id -un)"
        else
            sudo -u postgres createuser -s "$(id -un)"
        fi
    fi
}

addons_path() {
    "$PYTHON" - "$ROOT/addons" <<'PY'
import os, sys
import odoo.addons
paths = [os.path.abspath(p) for p in odoo.addons.__path__ if os.path.isdir(p)]
print(",".join(dict.fromkeys([sys.argv[1], *paths])))
PY
}

# The browser tests (tours, HOOT unit tests) run in Chrome or Chromium, found in
# PATH under the names odoo.tests.common._find_executable tries; without it Odoo
# skips them. They are required under CI=true or CRM_REQUIRE_BROWSER=1.
browser_required() {
    [ "${CI:-}" = true ] || [ "${CRM_REQUIRE_BROWSER:-0}" = 1 ]
}

find_chrome() {
    local name
    for name in google-chrome chromium chromium-browser google-chrome-stable; do
        command -v "$name" && return 0
    done
    return 1
}

# The Debian packages the browser tests need and that are missing: chromium, and
# a font with Chinese characters (the demo data and the zh_CN translations).
missing_browser_packages() {
    local missing=()
    find_chrome >/dev/null || missing+=(chromium)
    if ! command -v fc-list >/dev/null || [ -z "$(fc-list ':lang=zh' family)" ]; then
        missing+=(fonts-wqy-microhei)
    fi
    echo "${missing[*]}"
}

# Install the missing browser packages with apt-get, as root or through sudo
# when it needs no password, and say so; else fail with the command to run.
install_browser_packages() {
    local missing command
    missing="$(missing_browser_packages)"
    if [ -z "$missing" ]; then
        echo "Browser tests: $(find_chrome), with a CJK font"
        return 0
    fi
    command="apt-get update && apt-get install -y $missing"
    local -a as=()
    if [ "$(id -u)" != 0 ]; then
        if ! sudo -n true 2>/dev/null; then
            echo "error: the browser tests need the Debian package(s) $missing; as root, run: $command" >&2
            return 1
        fi
        as=(sudo)
    fi
    if ! command -v apt-get >/dev/null; then
        echo "error: the browser tests need $missing and apt-get is missing; on Debian, as root, run: $command" >&2
        return 1
    fi
    echo "Browser tests need $missing: installing them (${as[*]:+${as[*]} }$command)"
    # shellcheck disable=SC2086  # one word per package
    if ! "${as[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update \
        || ! "${as[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y $missing; then
        echo "error: installing $missing failed; as root, run: $command" >&2
        return 1
    fi
    missing="$(missing_browser_packages)"
    if [ -n "$missing" ]; then
        echo "error: still missing after apt-get install: $missing" >&2
        return 1
    fi
    echo "Browser tests: $(find_chrome), with a CJK font (installed)"
}

# Print the number of tests of each kind from bin/test's output FILE (its line
# "Tests by kind: odoo=N pytest=N tours=N hoot=N"); fail when a kind ran none:
# a runner that silently did nothing.
check_test_counts() {
    local counts kind count
    counts="$(grep -E '^Tests by kind: ' "$1" | tail -n1)"
    if [ -z "$counts" ]; then
        echo "bin/test printed no test counts" >&2
        return 1
    fi
    local -A labels=(
        [odoo]="Odoo runner tests" [pytest]="pytest tests" [tours]="browser tours"
        [hoot]="HOOT unit tests"
    )
    local failed=0
    for kind in odoo pytest tours hoot; do
        count="$(grep -Eo "\b$kind=[0-9]+" <<<"$counts" | cut -d= -f2)"
        echo "${labels[$kind]}: ${count:-none}"
        if [ "${count:-0}" = 0 ]; then
            echo "error: no ${labels[$kind]} ran" >&2
            failed=1
        fi
    done
    return $failed
}
