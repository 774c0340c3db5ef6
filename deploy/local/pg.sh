#!/usr/bin/env bash
# Private, throwaway PostgreSQL instance for local development and CI.
#
#   pg.sh start    create (first time) and start the cluster, ensure database exists
#   pg.sh stop     fast shutdown
#   pg.sh status   exit 0 when running, 3 when not
#   pg.sh env      print the VZ_POSTGRES export line (eval "$(pg.sh env)")
#   pg.sh psql ... run psql against the database (e.g. -f deploy/sql/orleans-postgres.sql)
#
# Settings (environment):
#   VZ_PG_PORT  TCP port on 127.0.0.1            (default 55432)
#   VZ_PG_DIR   data directory                   (default /tmp/vz-pg-$VZ_PG_PORT)
#   VZ_PG_DB    database to create               (default vz)
#   VZ_PG_BIN   directory holding initdb/pg_ctl  (default: newest /usr/lib/postgresql/*/bin, then PATH)
#
# Works as root (server runs as the `postgres` OS user via runuser) or as an
# ordinary user that owns VZ_PG_DIR (server runs as that user). Either way the
# database superuser is called `postgres` and local connections need no password.
set -euo pipefail

PORT="${VZ_PG_PORT:-55432}"
DATA_DIR="${VZ_PG_DIR:-/tmp/vz-pg-${PORT}}"
DB_NAME="${VZ_PG_DB:-vz}"
DB_USER=postgres
SERVER_LOG="${DATA_DIR}/server.log"

die() { echo "pg.sh: error: $*" >&2; exit 1; }
note() { echo "pg.sh: $*" >&2; }

[[ "$PORT" =~ ^[0-9]+$ ]] || die "VZ_PG_PORT must be a number, got '$PORT'"
[[ "$DB_NAME" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "VZ_PG_DB must be a plain identifier, got '$DB_NAME'"
case "$DATA_DIR" in /*) ;; *) DATA_DIR="$PWD/$DATA_DIR"; SERVER_LOG="${DATA_DIR}/server.log" ;; esac

is_root() { [[ "$(id -u)" -eq 0 ]]; }

find_bin_dir() {
    if [[ -n "${VZ_PG_BIN:-}" ]]; then
        [[ -x "$VZ_PG_BIN/initdb" && -x "$VZ_PG_BIN/pg_ctl" ]] || die "VZ_PG_BIN=$VZ_PG_BIN has no initdb/pg_ctl"
        echo "$VZ_PG_BIN"; return 0
    fi
    # Debian/Ubuntu keep the server binaries off PATH, one directory per major version.
    local d
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [[ -n "$d" && -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"; return 0
    fi
    return 1
}

ensure_binaries() {
    if BIN_DIR="$(find_bin_dir)"; then return 0; fi
    is_root || die "PostgreSQL server binaries (initdb, pg_ctl) not found; install the 'postgresql' package or set VZ_PG_BIN"
    note "PostgreSQL server binaries not found; installing the 'postgresql' package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2 || die "apt-get update failed"
    apt-get install -y -q postgresql >&2 || die "apt-get install postgresql failed"
    BIN_DIR="$(find_bin_dir)" || die "postgresql installed but initdb/pg_ctl still not found"
}

# Run a PostgreSQL binary as the OS user that owns the cluster.
as_owner() {
    if is_root; then
        # cd / so tools don't complain about an unreadable working directory (e.g. /root).
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

pgctl() { as_owner "$BIN_DIR/pg_ctl" -D "$DATA_DIR" "$@"; }

is_running() { pgctl status >/dev/null 2>&1; }

psql_admin() {
    as_owner "$BIN_DIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U "$DB_USER" "$@"
}

prepare_dir() {
    if is_root; then
        id postgres >/dev/null 2>&1 \
            || useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres \
            || die "could not create the 'postgres' OS user"
        mkdir -p "$DATA_DIR" || die "cannot create $DATA_DIR"
        chown postgres:postgres "$DATA_DIR"
        chmod 700 "$DATA_DIR"
        runuser -u postgres -- test -w "$DATA_DIR" \
            || die "user 'postgres' cannot reach $DATA_DIR (a parent directory is not traversable); pick another VZ_PG_DIR"
    else
        mkdir -p "$DATA_DIR" || die "cannot create $DATA_DIR"
        [[ -O "$DATA_DIR" ]] || die "$DATA_DIR is not owned by $(id -un); remove it or set VZ_PG_DIR"
        chmod 700 "$DATA_DIR"
    fi
}

init_cluster() {
    if [[ -f "$DATA_DIR/PG_VERSION" ]]; then
        local have want
        have="$(cat "$DATA_DIR/PG_VERSION")"
        want="$("$BIN_DIR/pg_ctl" --version | grep -oE '[0-9]+' | head -n 1)"
        [[ "$have" == "$want" ]] || die "$DATA_DIR holds a PostgreSQL $have cluster but binaries are $want; delete the directory or set VZ_PG_BIN"
        return 0
    fi
    [[ -z "$(ls -A "$DATA_DIR")" ]] || die "$DATA_DIR exists, is not empty and is not a PostgreSQL cluster"
    note "initialising cluster in $DATA_DIR"
    local out
    out="$(as_owner "$BIN_DIR/initdb" -D "$DATA_DIR" -U "$DB_USER" --auth=trust \
        --encoding=UTF8 --no-locale --no-instructions 2>&1)" \
        || { echo "$out" >&2; die "initdb failed"; }

    # Only loopback TCP plus a socket inside the data dir: no clash with a system
    # cluster and nothing exposed beyond this machine, so trust auth is acceptable.
    as_owner tee "$DATA_DIR/pg_hba.conf" >/dev/null <<'EOF'
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   trust
EOF

    # DEV/TEST INSTANCE ONLY: fsync/synchronous_commit/full_page_writes are off,
    # trading crash safety for speed. A power loss can corrupt this cluster;
    # never reuse these settings for anything holding real data.
    as_owner tee "$DATA_DIR/vz-dev.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = ${PORT}
unix_socket_directories = '${DATA_DIR}'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
timezone = 'UTC'
log_timezone = 'UTC'
EOF
    echo "include 'vz-dev.conf'" | as_owner tee -a "$DATA_DIR/postgresql.conf" >/dev/null
}

ensure_database() {
    local exists
    exists="$(psql_admin -d postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'")" \
        || die "cannot connect to PostgreSQL on 127.0.0.1:${PORT}"
    [[ "$exists" == "1" ]] && return 0
    if ! psql_admin -d postgres -c "CREATE DATABASE \"${DB_NAME}\"" 2>/dev/null; then
        # A concurrent `pg.sh start` may have won the race; that is fine.
        exists="$(psql_admin -d postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'")"
        [[ "$exists" == "1" ]] || die "could not create database ${DB_NAME}"
    fi
    note "created database ${DB_NAME}"
}

# Memory and checkpoint sizing for bulk ingest (a 2.2 M-row load dirties ~1 GB of table and index):
# the defaults (128 MB shared buffers, 1 GB of WAL between checkpoints) make backends write pages out
# themselves mid-COPY. Rewritten at every start, so existing clusters pick up changes.
write_tuning() {
    as_owner tee "$DATA_DIR/vz-tuning.conf" >/dev/null <<EOF
shared_buffers = 1GB
wal_level = minimal
max_wal_senders = 0
wal_buffers = 64MB
max_wal_size = 4GB
checkpoint_timeout = 30min
EOF
    grep -q "vz-tuning.conf" "$DATA_DIR/postgresql.conf" ||
        echo "include_if_exists 'vz-tuning.conf'" | as_owner tee -a "$DATA_DIR/postgresql.conf" >/dev/null
}

cmd_start() {
    ensure_binaries
    if [[ -f "$DATA_DIR/PG_VERSION" ]] && is_running; then
        ensure_database
        note "already running (port ${PORT}, data ${DATA_DIR})"
        return 0
    fi
    prepare_dir
    init_cluster
    write_tuning
    note "starting PostgreSQL on 127.0.0.1:${PORT}"
    if ! pgctl -l "$SERVER_LOG" -w -t 60 start >/dev/null; then
        tail -n 20 "$SERVER_LOG" >&2 2>/dev/null || true
        die "server did not start (is port ${PORT} already taken?); log: $SERVER_LOG"
    fi
    local i
    for i in $(seq 1 60); do
        "$BIN_DIR/pg_isready" -q -h 127.0.0.1 -p "$PORT" && break
        sleep 0.5
    done
    "$BIN_DIR/pg_isready" -q -h 127.0.0.1 -p "$PORT" || die "server not accepting connections; log: $SERVER_LOG"
    ensure_database
    note "ready: $(conn_string)"
}

cmd_stop() {
    BIN_DIR="$(find_bin_dir)" || die "PostgreSQL binaries not found"
    if [[ ! -f "$DATA_DIR/PG_VERSION" ]] || ! is_running; then
        note "not running (data ${DATA_DIR})"
        return 0
    fi
    pgctl -m fast -w -t 60 stop >/dev/null || die "pg_ctl stop failed; log: $SERVER_LOG"
    note "stopped"
}

cmd_status() {
    BIN_DIR="$(find_bin_dir)" || { echo "not installed"; exit 3; }
    if [[ -f "$DATA_DIR/PG_VERSION" ]] && is_running; then
        echo "running: 127.0.0.1:${PORT} data=${DATA_DIR} db=${DB_NAME}"
        return 0
    fi
    echo "not running (data ${DATA_DIR})"
    exit 3
}

conn_string() { echo "Host=127.0.0.1;Port=${PORT};Username=${DB_USER};Database=${DB_NAME}"; }

cmd_env() { echo "export VZ_POSTGRES='$(conn_string)'"; }

cmd_psql() {
    BIN_DIR="$(find_bin_dir)" || die "PostgreSQL binaries not found"
    # Run as the caller (not the cluster owner) so relative -f paths keep working.
    "$BIN_DIR/psql" -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d "$DB_NAME" "$@"
}

case "${1:-}" in
    start)  cmd_start ;;
    stop)   cmd_stop ;;
    status) cmd_status ;;
    env)    cmd_env ;;
    psql)   shift; cmd_psql "$@" ;;
    *)      echo "usage: $(basename "$0") start|stop|status|env|psql [psql args]" >&2; exit 2 ;;
esac
