#!/bin/bash
# Copyright 2026 Fresh CRM Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
#
# Entrypoint of the Fresh CRM Suite image (Dockerfile), in front of the official
# odoo:19.0 entrypoint (/entrypoint.sh). When the container starts the Odoo server
# (the default command "odoo", or only options), it first waits for PostgreSQL and,
# if the database $DB_NAME (default crm_demo) does not exist yet, creates it with the
# suite installed and demo data loaded: the same addons and demo story as bin/serve.
# Other commands (bash, odoo shell, the test command /opt/crm-suite/bin/test, ...) go
# straight to the official entrypoint.
#
# Environment:
#   DB_NAME           demo database to create on first start (default crm_demo)
#   CRM_INIT_MODULES  addons installed in it (default: every addon of the suite, the
#                     SUITE_ADDONS of bin/_common.sh; tests/test_packaging.py
#                     checks that the two lists are the same)
#   CRM_SKIP_INIT     set to 1 to skip the database creation
#   CRM_DB_WAIT       seconds to wait for PostgreSQL (default 60)
#   HOST, PORT, USER, PASSWORD, PASSWORD_FILE, PG*: as in the official image; the
#   db_* settings of $ODOO_RC take precedence.

set -euo pipefail

export ODOO_RC="${ODOO_RC:-/etc/odoo/odoo.conf}"
DB_NAME="${DB_NAME:-crm_demo}"
CRM_INIT_MODULES="${CRM_INIT_MODULES:-crm_customer_privacy,crm_customer_message,crm_fresh_loyalty,crm_aftersales,crm_analytics,crm_fresh_loyalty_pos,crm_aftersales_pos,crm_analytics_aftersales,crm_analytics_pos,crm_analytics_website,crm_fresh_loyalty_website,crm_campaign,crm_oca_l10n_zh_cn}"
CRM_DB_WAIT="${CRM_DB_WAIT:-60}"

log() {
    echo "crm-entrypoint: $*" >&2
}

# True when the arguments start the Odoo server: "odoo", "odoo server", "odoo -x ...",
# "-- ..." or "-x ..." (the last two are passed to odoo by the official entrypoint).
starts_server() {
    case "${1:-}" in
        odoo)
            shift
            [[ $# -eq 0 || "$1" == -* || "$1" == server ]]
            ;;
        -*) return 0 ;;
        *) return 1 ;;
    esac
}

if ! starts_server "$@" || [[ "${CRM_SKIP_INIT:-0}" == 1 ]]; then
    exec /entrypoint.sh "$@"
fi

# Connection settings, resolved like the official entrypoint: a db_* option of
# $ODOO_RC wins; else a set PG* variable (read by libpq itself); else HOST, PORT,
# USER, PASSWORD with the same defaults as the official image.
if [[ -v PASSWORD_FILE ]]; then
    PASSWORD="$(<"$PASSWORD_FILE")"
fi
: "${HOST:=${DB_PORT_5432_TCP_ADDR:=db}}"
: "${PORT:=${DB_PORT_5432_TCP_PORT:=5432}}"
: "${USER:=${DB_ENV_POSTGRES_USER:=${POSTGRES_USER:=odoo}}}"
: "${PASSWORD:=${DB_ENV_POSTGRES_PASSWORD:=${POSTGRES_PASSWORD:=odoo}}}"
export HOST PORT USER PASSWORD

DB_ARGS=()
add_db_arg() {
    local param="$1" value="$2" pg_var="$3"
    if [[ -v "$pg_var" ]]; then
        return 0
    fi
    if ! grep -q -E "^\s*\b${param}\b\s*=" "$ODOO_RC"; then
        DB_ARGS+=("--${param}" "${value}")
    fi
}
add_db_arg db_host "$HOST" PGHOST
add_db_arg db_port "$PORT" PGPORT
add_db_arg db_user "$USER" PGUSER
add_db_arg db_password "$PASSWORD" PGPASSWORD

# crm_db ACTION [ARG...]: small PostgreSQL helper (psycopg2 comes with Odoo).
#   wait SECONDS          until the server accepts connections (exit 1 on timeout)
#   exists DBNAME         exit 0 if the database exists, 1 if not
#   installed DBNAME M,N  exit 0 if all the addons are installed in it, 1 if not
#   drop DBNAME           drop the database
crm_db() {
    python3 - "$@" <<'PY'
import configparser
import os
import sys
import time

import psycopg2
from psycopg2 import sql

cfg = configparser.RawConfigParser()
cfg.read(os.environ["ODOO_RC"])
opts = dict(cfg.items("options")) if cfg.has_section("options") else {}
params = {}
for key, pg_var, env_var in (
    ("db_host", "PGHOST", "HOST"),
    ("db_port", "PGPORT", "PORT"),
    ("db_user", "PGUSER", "USER"),
    ("db_password", "PGPASSWORD", "PASSWORD"),
):
    value = opts.get(key, "").strip()
    if value and value not in ("False", "None"):
        params[key[3:]] = value
    elif pg_var not in os.environ:
        params[key[3:]] = os.environ[env_var]


def connect(dbname="postgres"):
    return psycopg2.connect(dbname=dbname, connect_timeout=5, **params)


action, args = sys.argv[1], sys.argv[2:]
if action == "wait":
    deadline = time.monotonic() + float(args[0])
    while True:
        try:
            connect().close()
            sys.exit(0)
        except psycopg2.OperationalError as exc:
            if time.monotonic() > deadline:
                print(f"PostgreSQL not reachable: {exc}", file=sys.stderr)
                sys.exit(1)
            time.sleep(1)
elif action == "exists":
    with connect() as conn, conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (args[0],))
        found = cr.fetchone()
    conn.close()
    sys.exit(0 if found else 1)
elif action == "installed":
    wanted = {m.strip() for m in args[1].split(",") if m.strip()}
    try:
        with connect(args[0]) as conn, conn.cursor() as cr:
            cr.execute(
                "SELECT name FROM ir_module_module"
                " WHERE state = 'installed' AND name = ANY(%s)",
                (sorted(wanted),),
            )
            installed = {row[0] for row in cr.fetchall()}
        conn.close()
    except psycopg2.Error as exc:
        print(f"cannot read the addons of {args[0]}: {exc}", file=sys.stderr)
        sys.exit(1)
    missing = sorted(wanted - installed)
    if missing:
        print(f"not installed in {args[0]}: {', '.join(missing)}", file=sys.stderr)
    sys.exit(1 if missing else 0)
elif action == "drop":
    conn = connect()
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(args[0])))
    conn.close()
else:
    sys.exit(f"unknown action {action}")
PY
}

log "waiting for PostgreSQL (up to ${CRM_DB_WAIT}s)"
crm_db wait "$CRM_DB_WAIT"

if crm_db exists "$DB_NAME"; then
    log "database ${DB_NAME} exists, no initialisation"
else
    log "creating database ${DB_NAME} with ${CRM_INIT_MODULES} and demo data"
    init_ok=1
    odoo -c "$ODOO_RC" "${DB_ARGS[@]}" --database "$DB_NAME" \
        --init "$CRM_INIT_MODULES" --with-demo --stop-after-init --no-http || init_ok=0
    if [[ $init_ok == 1 ]] && crm_db installed "$DB_NAME" "$CRM_INIT_MODULES"; then
        log "database ${DB_NAME} ready"
    else
        # leave no half-initialised database behind: the next start tries again
        log "initialisation of ${DB_NAME} failed, dropping it"
        crm_db drop "$DB_NAME" || true
        rm -rf "/var/lib/odoo/filestore/${DB_NAME}"
        exit 1
    fi
fi

exec /entrypoint.sh "$@"
