# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Shared by bin/serve and bin/test: checks the runtime and prepares PostgreSQL.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
SUITE_ADDONS="crm_customer_privacy,crm_customer_message,crm_fresh_loyalty,crm_aftersales,crm_analytics,crm_fresh_loyalty_pos,crm_aftersales_pos,crm_analytics_aftersales,crm_fresh_loyalty_website,crm_oca_l10n_zh_cn"

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
