# Sourced by the npm entry scripts: brings a fresh clone to the point where the project's own Node runs.
# Installs npm dependencies when they are missing or older than package-lock.json.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export PATH="$repo_root/node_modules/.bin:$PATH"
# Turborepo would otherwise try to report usage to a server this machine cannot reach.
export TURBO_TELEMETRY_DISABLED=1

ensure_npm_dependencies() {
  local stamp="$repo_root/node_modules/.package-lock.json"
  if [[ ! -f $stamp || $repo_root/package-lock.json -nt $stamp ]]; then
    echo "[setup] installing npm dependencies (npm ci)…"
    (cd "$repo_root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  local version
  version=$("$repo_root/node_modules/.bin/node" --version)
  [[ $version == v24.* ]] || { echo "[setup] expected the project's Node 24, got $version" >&2; exit 1; }
}

# Runs a TypeScript entry point on the project's Node 24 (the machine's own Node may be older).
run_ts() {
  "$repo_root/node_modules/.bin/node" --import tsx "$@"
}

# Prepares the PostgreSQL this command uses and points everything after it at that server: the configured
# one (POSTGRES_URL, PGHOST:PGPORT, default 127.0.0.1:5432) when it answers, else the project's own cluster
# in .data/postgres, which cdc.sh creates on a free port the first time. It is left running at exit, as a
# machine's PostgreSQL would be (`bash cdc/runtime/cdc.sh stop postgres` stops it).
prepare_postgres() {
  bash "$repo_root/cdc/runtime/cdc.sh" prepare-postgres
  eval "$(bash "$repo_root/cdc/runtime/cdc.sh" postgres-env)"
}

# Prepares PostgreSQL and starts Kafka and Connect for this command. A Kafka the developer already had
# running (npm start in another terminal) is left running; one this command started is stopped on exit.
start_cdc_runtime_for_this_run() {
  prepare_postgres
  local kafka_was_up=0
  (exec 3<>"/dev/tcp/127.0.0.1/${KAFKA_PORT:-9092}") 2>/dev/null && kafka_was_up=1
  bash "$repo_root/cdc/runtime/cdc.sh" start
  if (( ! kafka_was_up )); then
    trap 'bash "$repo_root/cdc/runtime/cdc.sh" stop >/dev/null 2>&1 || true' EXIT
  fi
  use_cdc_brokers
}

# Points the clients at every node of the cluster cdc.sh started (one, or three with CDC_HA=1) unless
# KAFKA_BROKERS names one already: a client that knows only a node that is down cannot find the others.
use_cdc_brokers() {
  [[ -n ${KAFKA_BROKERS:-} ]] || eval "$(bash "$repo_root/cdc/runtime/cdc.sh" kafka-env)"
}
