# Sourced by cdc.sh: which PostgreSQL the project uses, the project's own cluster when nothing answers at
# a local address, and the settings Debezium needs (prepare-postgres). Uses log/warn/die/port_open/as_root/
# apt_install/need_cmd/tail_log/rotate_log and DATA_DIR/LOG_DIR/REPO_ROOT from cdc.sh.

PG_WAIT_TIMEOUT="${CDC_PG_WAIT_TIMEOUT:-60}"
PG_OWN_DIR="$(realpath -m "${CDC_POSTGRES_DIR:-$DATA_DIR/postgres}")"
PG_OWN_LOG="$LOG_DIR/postgres.log"
PG_USING_OWN=0

# The configured address: POSTGRES_URL (what the npm scripts read) wins, else PGHOST/PGPORT/PGUSER, else
# postgres@127.0.0.1:5432. PG_URL_USER keeps the URL's user[:password] for postgres-env.
parse_postgres_config() {
  PG_URL_USER=""
  if [[ -n "${POSTGRES_URL:-}" ]]; then
    [[ "$POSTGRES_URL" =~ ^postgres(ql)?://(([^:@/]+)(:[^@/]*)?@)?([^:/?@]+)(:([0-9]+))?(/[^?]*)?$ ]] \
      || die "POSTGRES_URL=$POSTGRES_URL is not a postgres://[user[:password]@]host[:port] URL"
    PG_URL_USER="${BASH_REMATCH[3]}${BASH_REMATCH[4]}"
    [[ -n "${BASH_REMATCH[3]}" ]] && PGUSER="${BASH_REMATCH[3]}"
    [[ -n "${BASH_REMATCH[4]}" ]] && export PGPASSWORD="${BASH_REMATCH[4]#:}"
    PGHOST="${BASH_REMATCH[5]}"
    PGPORT="${BASH_REMATCH[7]:-5432}"
  fi
  export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
  PG_CONFIGURED="$PGHOST:$PGPORT"
}

pg_is_local() { [[ "$PGHOST" == 127.0.0.1 || "$PGHOST" == localhost || "$PGHOST" == ::1 || "$PGHOST" == /* ]]; }

# Something accepts (or is about to accept) PostgreSQL connections at $PGHOST:$PGPORT.
pg_answers() {
  if command -v pg_isready >/dev/null 2>&1; then
    local rc=0
    pg_isready -q -h "$PGHOST" -p "$PGPORT" -t 3 || rc=$?
    (( rc == 0 || rc == 1 )) # 1 = starting up or shutting down: a server is there
  else
    port_open "$PGHOST" "$PGPORT"
  fi
}

# --------------------------------------------------------------------------- the project's own cluster
own_cluster_exists() { [[ -f "$PG_OWN_DIR/PG_VERSION" ]]; }
own_cluster_port() { sed -n 's/^port = \([0-9][0-9]*\).*/\1/p' "$PG_OWN_DIR/postgresql.conf" | tail -n 1; }
own_cluster_bin() { echo "/usr/lib/postgresql/$(cat "$PG_OWN_DIR/PG_VERSION")/bin"; }

# PostgreSQL refuses to run as root: as root the cluster belongs to Debian's postgres user; anyone else
# owns their cluster themselves.
as_cluster_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

own_cluster_running() {
  own_cluster_exists && as_cluster_owner "$(own_cluster_bin)/pg_ctl" status -D "$PG_OWN_DIR" >/dev/null 2>&1
}

# Newest PostgreSQL server this machine has (Debian's layout), empty if none.
server_version() {
  local bins=(/usr/lib/postgresql/*/bin/postgres)
  [[ -x "${bins[0]}" ]] || return 0
  printf '%s\n' "${bins[@]}" | sed 's#^/usr/lib/postgresql/\([^/]*\)/.*#\1#' | sort -V | tail -n 1
}

install_postgres_server() {
  [[ -n "$(server_version)" ]] && return 0
  # Installed first, Debian's server package creates and starts a "main" cluster on 5432. The project
  # keeps its own under its data folder instead, so that is turned off before (as Docker's postgres image does).
  need_cmd pg_conftool postgresql-common
  as_root pg_conftool /etc/postgresql-common/createcluster.conf set create_main_cluster false
  log "postgres: no PostgreSQL server on this machine; installing Debian's (create_main_cluster = false)"
  apt_install postgresql
  [[ -n "$(server_version)" ]] || die "postgres: apt-get installed postgresql but no server is in /usr/lib/postgresql"
}

# The first free port from $1 on, skipping the ports of Debian clusters that are down (they will want theirs).
free_port() {
  local p="$1" taken=" "
  command -v pg_lsclusters >/dev/null 2>&1 && taken=" $(pg_lsclusters -h 2>/dev/null | awk '{ print $3 }' | tr '\n' ' ')"
  while port_open 127.0.0.1 "$p" || [[ "$taken" == *" $p "* ]]; do p=$((p + 1)); done
  echo "$p"
}

create_own_cluster() {
  install_postgres_server
  local ver bin port
  ver="$(server_version)"; bin="/usr/lib/postgresql/$ver/bin"
  port="$(free_port "$PGPORT")"
  # Never initdb over, nor clean up after a failure in, a folder that held something else.
  [[ -z "$(ls -A "$PG_OWN_DIR" 2>/dev/null)" ]] \
    || die "postgres: $PG_OWN_DIR is not empty but holds no cluster (no PG_VERSION): move it away or set CDC_POSTGRES_DIR"
  mkdir -p "$PG_OWN_DIR" "$LOG_DIR"
  chmod 700 "$PG_OWN_DIR"
  if [[ "$(id -u)" -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "postgres: no 'postgres' OS user to own the cluster (Debian's postgresql-common creates it)"
    chown postgres:postgres "$PG_OWN_DIR"
    as_cluster_owner test -w "$PG_OWN_DIR" \
      || die "postgres: the postgres OS user cannot reach $PG_OWN_DIR (a parent folder is closed to it); set CDC_POSTGRES_DIR to a folder it can reach"
  fi
  if ! as_cluster_owner "$bin/initdb" -D "$PG_OWN_DIR" -U "$PGUSER" --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$LOG_DIR/postgres-initdb.log" 2>&1; then
    tail_log "$LOG_DIR/postgres-initdb.log"
    rm -rf "$PG_OWN_DIR"
    die "postgres: initdb failed"
  fi
  # Loopback only, so trust (no password, as on a developer's own server) reaches no one else; logical
  # decoding and room for every service's connector plus the tests' from the start.
  cat >>"$PG_OWN_DIR/postgresql.conf" <<EOF

# Added by cdc/runtime/cdc.sh when it created this cluster for the project.
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
wal_level = logical
max_replication_slots = 32
max_wal_senders = 32
EOF
  start_own_cluster quiet
  log "postgres: nothing answered at $PG_CONFIGURED: created the project's own PostgreSQL $ver cluster, data in ${PG_OWN_DIR#"$REPO_ROOT"/}, on 127.0.0.1:$port (trust on loopback, wal_level=logical); later runs reuse it"
}

start_own_cluster() {
  local bin; bin="$(own_cluster_bin)"
  [[ -x "$bin/pg_ctl" ]] || die "postgres: the cluster in $PG_OWN_DIR is PostgreSQL $(cat "$PG_OWN_DIR/PG_VERSION") but $bin is missing (apt-get install postgresql-$(cat "$PG_OWN_DIR/PG_VERSION"))"
  use_own_cluster
  if own_cluster_running; then
    [[ "${1:-}" == quiet ]] || log "postgres: the project's cluster is running (${PG_OWN_DIR#"$REPO_ROOT"/}, 127.0.0.1:$PGPORT)"
    return 0
  fi
  port_open 127.0.0.1 "$PGPORT" && die "postgres: port $PGPORT of the project's cluster (${PG_OWN_DIR#"$REPO_ROOT"/}) is taken by another process"
  mkdir -p "$LOG_DIR"
  rotate_log "$PG_OWN_LOG"
  touch "$PG_OWN_LOG"
  [[ "$(id -u)" -eq 0 ]] && chown postgres:postgres "$PG_OWN_LOG"
  # 9>&-: the server must not inherit cdc.sh's lock (it would hold it for as long as it runs).
  if ! as_cluster_owner "$bin/pg_ctl" start -D "$PG_OWN_DIR" -l "$PG_OWN_LOG" -w -t "$PG_WAIT_TIMEOUT" >/dev/null 9>&-; then
    tail_log "$PG_OWN_LOG"
    die "postgres: the project's cluster in ${PG_OWN_DIR#"$REPO_ROOT"/} did not start"
  fi
  [[ "${1:-}" == quiet ]] || log "postgres: started the project's cluster (${PG_OWN_DIR#"$REPO_ROOT"/}, 127.0.0.1:$PGPORT, log ${PG_OWN_LOG#"$REPO_ROOT"/})"
}

stop_own_cluster() {
  if ! own_cluster_exists; then
    log "postgres: the project has no cluster of its own (${PG_OWN_DIR#"$REPO_ROOT"/}); cdc.sh never stops a machine's PostgreSQL"
  elif ! own_cluster_running; then
    log "postgres: the project's cluster is not running"
  else
    as_cluster_owner "$(own_cluster_bin)/pg_ctl" stop -D "$PG_OWN_DIR" -m fast -w -t "$STOP_TIMEOUT" >/dev/null
    log "postgres: stopped the project's cluster (${PG_OWN_DIR#"$REPO_ROOT"/})"
  fi
}

use_own_cluster() {
  PGHOST=127.0.0.1
  PGPORT="$(own_cluster_port)"
  [[ -n "$PGPORT" ]] || die "postgres: no 'port = …' line in $PG_OWN_DIR/postgresql.conf"
  PG_USING_OWN=1
}

# Where the project's PostgreSQL is: the configured address when a server answers there or it is not
# local; the project's own cluster when it has one and nothing answers at the local address.
# Then what the connector configs see through ${env:...} (Connect's EnvVarConfigProvider), captured when
# Connect starts: restart Connect after changing them.
resolve_postgres() {
  parse_postgres_config
  if own_cluster_exists && pg_is_local; then
    if ! pg_answers || { [[ "$PGPORT" == "$(own_cluster_port)" ]] && own_cluster_running; }; then use_own_cluster; fi
  fi
  export PGHOST PGPORT
  export CDC_DB_HOST="${CDC_DB_HOST:-$PGHOST}"
  export CDC_DB_PORT="${CDC_DB_PORT:-$PGPORT}"
  export CDC_DB_USER="${CDC_DB_USER:-$PGUSER}"
  export CDC_DB_PASSWORD="${CDC_DB_PASSWORD:-${PGPASSWORD:-}}"
}

# --------------------------------------------------------------------------- prepare-postgres
psql_q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d postgres -c "$1"; }

# "<version> <cluster>" of the Debian cluster listening on $PGPORT (empty if none)
local_cluster() {
  if command -v pg_lsclusters >/dev/null 2>&1; then
    pg_lsclusters -h 2>/dev/null | awk -v p="$PGPORT" '$3 == p { print $1, $2; exit }'
  elif [[ -d /etc/postgresql ]]; then
    local v; v="$(ls /etc/postgresql | sort -V | tail -n 1)"
    [[ -n "$v" ]] && echo "$v main"
  fi
}

wait_pg() {
  local deadline=$(( $(now) + PG_WAIT_TIMEOUT ))
  until pg_isready -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres; do
    (( $(now) < deadline )) || die "PostgreSQL at $PGHOST:$PGPORT not accepting connections after ${PG_WAIT_TIMEOUT}s"
    sleep 0.5
  done
}

# Restarts whichever server the project uses, if it is one cdc.sh may restart.
restart_postgres() {
  local ver="$1" name="$2" why="$3"
  if (( PG_USING_OWN )); then
    log "postgres: restarting the project's cluster to apply $why"
    as_cluster_owner "$(own_cluster_bin)/pg_ctl" restart -D "$PG_OWN_DIR" -l "$PG_OWN_LOG" -m fast -w -t "$PG_WAIT_TIMEOUT" >/dev/null 9>&-
  elif [[ -n "$ver" ]] && pg_is_local; then
    log "postgres: restarting cluster $ver/$name to apply $why"
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" restart 9>&-
  else
    die "postgres at $PGHOST:$PGPORT needs a restart to apply $why (not a local cluster: restart it yourself)"
  fi
  wait_pg
}

cmd_prepare_postgres() {
  need_cmd psql postgresql-client
  need_cmd pg_isready postgresql-client
  local cluster ver name
  cluster="$(local_cluster || true)"
  ver="${cluster%% *}"; name="${cluster#* }"

  if (( PG_USING_OWN )); then
    start_own_cluster
  elif ! pg_answers; then
    if ! pg_is_local; then
      die "nothing answers at $PGHOST:$PGPORT (POSTGRES_URL / PGHOST:PGPORT): start that server, or point them at a local address for the project to run its own"
    elif [[ -n "$ver" ]]; then
      log "postgres: starting cluster $ver/$name"
      as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start 9>&- || true
    else
      create_own_cluster
    fi
  fi
  wait_pg
  (( PG_USING_OWN )) && { ver="$(cat "$PG_OWN_DIR/PG_VERSION")"; name=""; }

  # PostGIS package for the server's major version (the extension itself is created by the services).
  if [[ -n "$ver" ]]; then
    local pkg="postgresql-$ver-postgis-3"
    if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      log "postgis: $pkg already installed"
    else
      apt_install "$pkg"
      log "postgis: installed $pkg"
    fi
  else
    warn "no local PostgreSQL cluster on port $PGPORT found; skipping postgis package check"
  fi

  local changed=0 cur
  cur="$(psql_q "SHOW wal_level")"
  if [[ "$cur" != logical ]]; then
    psql_q "ALTER SYSTEM SET wal_level = logical"; changed=1
    log "postgres: wal_level $cur -> logical (ALTER SYSTEM)"
  else
    log "postgres: wal_level already logical"
  fi
  # Room for every service's connector, the tests' and a benchmark's at once (each holds a slot and a WAL sender);
  # the same as the project's own cluster gets.
  local setting min=32
  for setting in max_replication_slots max_wal_senders; do
    cur="$(psql_q "SHOW $setting")"
    if (( cur < min )); then
      psql_q "ALTER SYSTEM SET $setting = $min"; changed=1
      log "postgres: $setting $cur -> $min (ALTER SYSTEM)"
    else
      log "postgres: $setting = $cur (>= $min)"
    fi
  done
  if (( changed )); then psql_q "SELECT pg_reload_conf()" >/dev/null; fi

  local pending
  pending="$(psql_q "SELECT string_agg(name, ',') FROM pg_settings WHERE pending_restart AND name IN ('wal_level','max_replication_slots','max_wal_senders')")"
  if [[ -n "$pending" ]]; then
    restart_postgres "$ver" "$name" "$pending"
  else
    log "postgres: no restart needed"
  fi
  cur="$(psql_q "SHOW wal_level")"
  [[ "$cur" == logical ]] || die "wal_level is still '$cur' after restart"
  log "postgres: ready at $PGHOST:$PGPORT (wal_level=logical)"
}

# Shell lines that point a caller (scripts/lib/bootstrap.sh) at the PostgreSQL this script resolved.
cmd_postgres_env() {
  local host="$PGHOST"
  [[ "$host" == /* ]] && host="${host//\//%2F}"
  [[ "$host" == *:* ]] && host="[$host]"
  local url="postgres://${PG_URL_USER:-$PGUSER}@$host:$PGPORT"
  printf 'export POSTGRES_URL=%q PGHOST=%q PGPORT=%q PGUSER=%q CDC_DB_HOST=%q CDC_DB_PORT=%q TEST_POSTGRES_URL=%q\n' \
    "$url" "$PGHOST" "$PGPORT" "$PGUSER" "$CDC_DB_HOST" "$CDC_DB_PORT" "${TEST_POSTGRES_URL:-$url/postgres}"
}

postgres_status() {
  if (( PG_USING_OWN )); then
    if own_cluster_running; then log "postgres: the project's cluster, running (${PG_OWN_DIR#"$REPO_ROOT"/}, 127.0.0.1:$PGPORT)"
    else log "postgres: the project's cluster, stopped (${PG_OWN_DIR#"$REPO_ROOT"/}, port $PGPORT)"
    fi
  elif pg_answers; then log "postgres: answering at $PGHOST:$PGPORT"
  else log "postgres: nothing answers at $PGHOST:$PGPORT"
  fi
}
