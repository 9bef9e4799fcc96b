#!/usr/bin/env bash
# CDC runtime CLI: PostgreSQL preparation, Kafka (KRaft, single node), Kafka Connect
# (distributed mode) with the Debezium PostgreSQL connector, and connector registration.
# No Docker: java + mvn + curl + psql for the processes; the connector commands (register,
# unregister, the connectors in status) run cdc/src/connect/cli.ts on the project's Node.
# See cdc/runtime/README.md.
#
#   cdc.sh prepare-postgres   PostgreSQL for the project: the configured one (POSTGRES_URL, PGHOST:PGPORT,
#                             default 127.0.0.1:5432) if it answers, else (local address) the project's own
#                             cluster in .data/postgres, created once (apt-get installs Debian's server if
#                             missing); then wal_level=logical, slots/senders, postgis; restart only if needed
#   cdc.sh postgres-env       `export POSTGRES_URL=… PGHOST=… PGPORT=…` lines for the PostgreSQL resolved
#   cdc.sh resolve            download Kafka/Connect/Debezium from Maven Central into cdc/runtime/target
#   cdc.sh start [kafka|connect]  resolve if needed, start broker then Connect (or one), wait until ready
#   cdc.sh register [--restart] PUT each cdc/connectors/*.json whose database exists; wait RUNNING
#                             (--restart: also restart unchanged ones, after migrations added tables)
#   cdc.sh unregister [name]  stop+delete connectors, reset their offsets, drop slot+publication
#   cdc.sh stop [kafka|connect|postgres]  stop Connect then the broker, or one (SIGTERM, then SIGKILL after
#                             a timeout); postgres = the project's own cluster, stopped only when named
#   cdc.sh kill kafka|connect     crash one part (SIGKILL), for fault tests
#   cdc.sh check-positions    compare each connector's position stored in Kafka with its replication slot; reset
#                             it (new snapshot, copies reconcile) where PostgreSQL moved on (start runs it)
#   cdc.sh redrive <service>  re-produce the service's dead letters once each; per message: applied, superseded,
#                             dead-lettered again or not applied yet (npm run cdc -- redrive <service>)
#   cdc.sh status [--topics]  PostgreSQL, processes, ports, connectors and their state (and the topic list)
#   cdc.sh logs [kafka|connect|postgres] [-f] [-n N]
set -euo pipefail

# --------------------------------------------------------------------------- paths & settings
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
RUNTIME_DIR="$SCRIPT_DIR"
TARGET_DIR="$RUNTIME_DIR/target"
LIB_DIR="$TARGET_DIR/lib"
PLUGIN_DIR="$TARGET_DIR/plugins"
STAMP_FILE="$TARGET_DIR/.resolved"
CONNECTORS_DIR="$(realpath -m "${CDC_CONNECTORS_DIR:-$REPO_ROOT/cdc/connectors}")"
LOG4J_CONFIG="$RUNTIME_DIR/config/log4j2.properties"

DATA_DIR="${CDC_DATA_DIR:-$REPO_ROOT/.data}"
KAFKA_DIR="$DATA_DIR/kafka"
KAFKA_LOG_DIRS="$KAFKA_DIR/data"
KAFKA_CONF_DIR="$KAFKA_DIR/config"
LOG_DIR="$DATA_DIR/logs"
KAFKA_PID="$LOG_DIR/kafka.pid"
CONNECT_PID="$LOG_DIR/connect.pid"
KAFKA_LOG="$LOG_DIR/kafka.log"
CONNECT_LOG="$LOG_DIR/connect.log"
LOCK_FILE="$DATA_DIR/.cdc.lock"

KAFKA_HOST=127.0.0.1
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
CONNECT_PORT="${CONNECT_PORT:-8083}"
CONNECT_URL="http://127.0.0.1:$CONNECT_PORT"
CONNECT_GROUP_ID="${CONNECT_GROUP_ID:-petcare-connect}"

KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms128m -Xmx512m}"
CONNECT_HEAP_OPTS="${CONNECT_HEAP_OPTS:--Xms128m -Xmx768m}"
CDC_JVM_OPTS="${CDC_JVM_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true}"

START_TIMEOUT="${CDC_START_TIMEOUT:-180}"       # seconds, per process
STOP_TIMEOUT="${CDC_STOP_TIMEOUT:-30}"          # seconds before SIGKILL
REGISTER_TIMEOUT="${CDC_REGISTER_TIMEOUT:-120}" # seconds, per connector

DEBEZIUM_CLASS="io.debezium.connector.postgresql.PostgresConnector"

# --------------------------------------------------------------------------- helpers
log() { printf '[cdc] %s\n' "$*"; }
warn() { printf '[cdc] WARNING: %s\n' "$*" >&2; }
die() { printf '[cdc] ERROR: %s\n' "$*" >&2; exit 1; }

now() { date +%s; }

java_bin() {
  if [[ -n "${CDC_JAVA:-}" ]]; then echo "$CDC_JAVA"
  elif [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then echo "$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then command -v java
  else die "java not found (Java 17+ needed; set CDC_JAVA or JAVA_HOME)"
  fi
}

check_java() {
  local j v
  j="$(java_bin)"
  v="$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')"
  [[ "${v%%.*}" =~ ^[0-9]+$ && "${v%%.*}" -ge 17 ]] || die "$j is Java '$v'; Kafka 4 needs Java 17+"
}

need_cmd() {
  local cmd="$1" pkg="${2:-$1}"
  command -v "$cmd" >/dev/null 2>&1 && return 0
  apt_install "$pkg"
  command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is required (package $pkg)"
}

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else die "need root to run: $*"
  fi
}

apt_install() {
  local pkgs=("$@")
  log "installing ${pkgs[*]} with apt-get"
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=600)
  if ! as_root "${apt[@]}" install --no-install-recommends "${pkgs[@]}" >/dev/null; then
    log "apt-get install failed; running apt-get update and retrying"
    as_root "${apt[@]}" update >/dev/null
    as_root "${apt[@]}" install --no-install-recommends "${pkgs[@]}" >/dev/null
  fi
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# pid from a pid file if that process is alive and runs the expected main class
running_pid() {
  local pidfile="$1" main="$2" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "$main" || return 1
  echo "$pid"
}

tail_log() {
  local file="$1" n="${2:-40}"
  if [[ -f "$file" ]]; then
    printf '[cdc] ---- last %s lines of %s ----\n' "$n" "$file" >&2
    tail -n "$n" "$file" >&2
    printf '[cdc] ---- end of %s ----\n' "$file" >&2
  fi
}

with_lock() {
  mkdir -p "$DATA_DIR"
  exec 9>"$LOCK_FILE"
  if ! flock -w 300 9; then die "another cdc.sh holds $LOCK_FILE"; fi
}

classpath() { echo "$LIB_DIR/*"; }

run_java() { # run a Kafka CLI main class in the foreground
  "$(java_bin)" -Xmx256m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$LOG4J_CONFIG" \
    -Dcdc.log.level=WARN -cp "$(classpath)" "$@"
}

# --------------------------------------------------------------------------- postgres
# shellcheck source=postgres.sh
source "$RUNTIME_DIR/postgres.sh"

# --------------------------------------------------------------------------- resolve
# The pom and the sources of the transform it compiles: editing either triggers a fresh resolve.
pom_hash() { find "$RUNTIME_DIR/pom.xml" "$RUNTIME_DIR/transforms" -type f | LC_ALL=C sort | xargs cat | sha256sum | cut -d' ' -f1; }

is_resolved() {
  [[ -f "$STAMP_FILE" && "$(cat "$STAMP_FILE")" == "$(pom_hash)" ]] || return 1
  compgen -G "$LIB_DIR/kafka_2.13-*.jar" >/dev/null || return 1
  compgen -G "$LIB_DIR/connect-runtime-*.jar" >/dev/null || return 1
  compgen -G "$PLUGIN_DIR/debezium-connector-postgres/debezium-connector-postgres-*.jar" >/dev/null || return 1
  [[ -f "$PLUGIN_DIR/petcare-transforms/petcare-transforms.jar" ]] || return 1
}

cmd_resolve() {
  if is_resolved; then
    log "resolve: runtime already resolved in ${TARGET_DIR#"$REPO_ROOT"/} (pom unchanged)"
    return 0
  fi
  need_cmd mvn maven
  log "resolve: downloading Kafka, Kafka Connect and Debezium from Maven Central (mvn package)"
  # All of target/: the dependency plugin's unpack markers would otherwise skip unpacking Debezium again.
  rm -rf "$TARGET_DIR"
  mkdir -p "$TARGET_DIR"
  local t0 mvnlog="$TARGET_DIR/mvn.log"; t0=$(now)
  if ! mvn -q -B -f "$RUNTIME_DIR/pom.xml" package >"$mvnlog" 2>&1; then
    tail -n 40 "$mvnlog" >&2 || true
    die "resolve: mvn failed (full output: ${mvnlog#"$REPO_ROOT"/})"
  fi
  pom_hash >"$STAMP_FILE"
  is_resolved || die "resolve: mvn succeeded but target/ is incomplete"
  log "resolve: done in $(( $(now) - t0 ))s ($(ls "$LIB_DIR" | wc -l) jars, plugin in ${PLUGIN_DIR#"$REPO_ROOT"/})"
}

# --------------------------------------------------------------------------- configs
write_kafka_config() {
  mkdir -p "$KAFKA_CONF_DIR" "$KAFKA_LOG_DIRS"
  cat >"$KAFKA_CONF_DIR/server.properties" <<EOF
# Generated by cdc/runtime/cdc.sh at each start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT,CONTROLLER://$KAFKA_HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_LOG_DIRS
# single node: every internal topic with replication factor 1
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
auto.create.topics.enable=true
group.initial.rebalance.delay.ms=0
# A crashed transactional producer (a Kafka Streams instance killed mid-commit) leaves its transaction open,
# holding back read_committed readers until the broker aborts it after transaction.timeout.ms; look for such
# transactions every second instead of every 10 s (streams/verification-timers/README.md, takeover).
transaction.abort.timed.out.transaction.cleanup.interval.ms=1000
# small box: fewer threads
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.hours=168
EOF
}

write_connect_config() {
  mkdir -p "$KAFKA_CONF_DIR"
  cat >"$KAFKA_CONF_DIR/connect-distributed.properties" <<EOF
# Generated by cdc/runtime/cdc.sh at each start; edit the script, not this file.
bootstrap.servers=$KAFKA_HOST:$KAFKA_PORT
group.id=$CONNECT_GROUP_ID
listeners=http://127.0.0.1:$CONNECT_PORT
rest.advertised.host.name=127.0.0.1
rest.advertised.port=$CONNECT_PORT

key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=false
value.converter.schemas.enable=false

config.storage.topic=$CONNECT_GROUP_ID-configs
offset.storage.topic=$CONNECT_GROUP_ID-offsets
status.storage.topic=$CONNECT_GROUP_ID-status
config.storage.replication.factor=1
offset.storage.replication.factor=1
status.storage.replication.factor=1
offset.storage.partitions=5
status.storage.partitions=1
# commit source offsets every second (default 60 s): fewer replays after a crash
offset.flush.interval.ms=1000
# one worker: reassign a lost connector at once instead of after 5 minutes
scheduled.rebalance.max.delay.ms=0

plugin.path=$PLUGIN_DIR
plugin.discovery=service_load

# \${env:VAR} placeholders in connector configs (cdc/connectors/*.json)
config.providers=env
config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider
# lets connectors set producer.override.* (linger.ms=0 for latency)
connector.client.config.override.policy=All
EOF
}

# --------------------------------------------------------------------------- kafka broker
format_storage() {
  local id_file="$KAFKA_DIR/cluster.id" ports_file="$KAFKA_DIR/controller.port"
  if [[ -f "$KAFKA_LOG_DIRS/meta.properties" ]]; then
    if [[ -f "$ports_file" && "$(cat "$ports_file")" != "$KAFKA_CONTROLLER_PORT" ]]; then
      die "kafka: storage in ${KAFKA_DIR#"$REPO_ROOT"/} was formatted for controller port $(cat "$ports_file"), not $KAFKA_CONTROLLER_PORT; delete that directory to re-format"
    fi
    return 0
  fi
  [[ -s "$id_file" ]] || run_java kafka.tools.StorageTool random-uuid >"$id_file"
  log "kafka: formatting KRaft storage (cluster id $(cat "$id_file"), --standalone)"
  run_java kafka.tools.StorageTool format --standalone -t "$(cat "$id_file")" \
    -c "$KAFKA_CONF_DIR/server.properties" >"$LOG_DIR/kafka-format.log" 2>&1 \
    || { tail_log "$LOG_DIR/kafka-format.log"; die "kafka: storage format failed"; }
  echo "$KAFKA_CONTROLLER_PORT" >"$ports_file"
}

rotate_log() { [[ -f "$1" ]] && mv -f "$1" "$1.1"; return 0; }

spawn() { # spawn <pidfile> <logfile> <heap opts> <main class> <args...>
  local pidfile="$1" logfile="$2" heap="$3"; shift 3
  rotate_log "$logfile"
  # shellcheck disable=SC2086  # heap/jvm opts are word lists on purpose
  setsid nohup "$(java_bin)" $heap $CDC_JVM_OPTS \
    -Dlog4j2.configurationFile="$LOG4J_CONFIG" \
    -cp "$(classpath)" "$@" >"$logfile" 2>&1 </dev/null 9>&- &
  echo $! >"$pidfile"
}

# Broker is ready when its client port accepts TCP and it has logged the end of startup
# (KafkaRaftServer "Kafka Server started"). A metadata round trip follows right after: Connect
# cannot become ready without listing and creating its topics. `status --topics` lists topics.
broker_ready() {
  port_open "$KAFKA_HOST" "$KAFKA_PORT" || return 1
  grep -qF 'Kafka Server started' "$KAFKA_LOG" 2>/dev/null
}

list_topics() {
  timeout 60 "$(java_bin)" -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j2.configurationFile="$LOG4J_CONFIG" -Dcdc.log.level=ERROR -cp "$(classpath)" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_HOST:$KAFKA_PORT" --list
}

# Polls <ready-fn> until it succeeds; dies with the log's tail if the process exits or START_TIMEOUT passes.
# wait_until_ready <label> <what> <pidfile> <logfile> <ready-fn> <timeout hint> <extra for the ready line>
wait_until_ready() {
  local label="$1" what="$2" pidfile="$3" logfile="$4" ready="$5" hint="$6" extra="$7" pid t0 deadline
  pid="$(cat "$pidfile")"
  t0=$(now); deadline=$(( t0 + START_TIMEOUT ))
  until "$ready"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail_log "$logfile"; rm -f "$pidfile"; die "$label: $what exited during startup"
    fi
    if (( $(now) >= deadline )); then
      tail_log "$logfile"; die "$label: not ready after ${START_TIMEOUT}s (pid $pid; $hint)"
    fi
    sleep 0.5
  done
  log "$label: ready in $(( $(now) - t0 ))s (pid $pid, log ${logfile#"$REPO_ROOT"/}$extra)"
}

start_kafka() {
  local pid
  if pid="$(running_pid "$KAFKA_PID" kafka.Kafka)"; then
    log "kafka: already running (pid $pid, $KAFKA_HOST:$KAFKA_PORT) - nothing to do"
    return 0
  fi
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    port_open 127.0.0.1 "$p" && die "kafka: port $p is already in use by another process (set KAFKA_PORT / KAFKA_CONTROLLER_PORT)"
  done
  write_kafka_config
  format_storage
  log "kafka: starting broker+controller on $KAFKA_HOST:$KAFKA_PORT (controller $KAFKA_CONTROLLER_PORT)"
  spawn "$KAFKA_PID" "$KAFKA_LOG" "$KAFKA_HEAP_OPTS" kafka.Kafka "$KAFKA_CONF_DIR/server.properties"
  wait_until_ready kafka broker "$KAFKA_PID" "$KAFKA_LOG" broker_ready "still running; cdc.sh stop to clean up" ""
}

# --------------------------------------------------------------------------- kafka connect
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || true; }

connect_ready() {
  [[ "$(http_code "$CONNECT_URL/connectors")" == 200 ]] || return 1
  curl -s --max-time 5 "$CONNECT_URL/connector-plugins" 2>/dev/null | grep -qF "\"$DEBEZIUM_CLASS\""
}

start_connect() {
  local pid
  if pid="$(running_pid "$CONNECT_PID" ConnectDistributed)"; then
    log "connect: already running (pid $pid, $CONNECT_URL) - nothing to do"
    return 0
  fi
  port_open 127.0.0.1 "$CONNECT_PORT" && die "connect: port $CONNECT_PORT is already in use by another process (set CONNECT_PORT)"
  write_connect_config
  # Before Connect resumes its connectors: a connector whose stored position PostgreSQL no longer has would
  # stream from the slot's position instead, silently skipping the changes in between (cdc/README.md).
  CONNECT_GROUP_ID="$CONNECT_GROUP_ID" run_connect_cli check-positions \
    || warn "connect: could not compare the connectors' stored positions with their replication slots"
  log "connect: starting distributed worker (group $CONNECT_GROUP_ID, REST $CONNECT_URL)"
  spawn "$CONNECT_PID" "$CONNECT_LOG" "$CONNECT_HEAP_OPTS" \
    org.apache.kafka.connect.cli.ConnectDistributed "$KAFKA_CONF_DIR/connect-distributed.properties"
  wait_until_ready connect worker "$CONNECT_PID" "$CONNECT_LOG" connect_ready \
    "GET /connectors must be 200 and /connector-plugins must list $DEBEZIUM_CLASS" ", Debezium plugin loaded"
}

cmd_start() {
  local which="${1:-all}"
  [[ "$which" == all || "$which" == kafka || "$which" == connect ]] || die "start: unknown part '$which' (usage: start [kafka|connect])"
  need_cmd curl
  check_java
  mkdir -p "$LOG_DIR"
  with_lock
  cmd_resolve
  local t0; t0=$(now)
  [[ "$which" == connect ]] || start_kafka
  [[ "$which" == kafka ]] || start_connect
  log "start: $which up ($(( $(now) - t0 ))s; Kafka $KAFKA_HOST:$KAFKA_PORT, Connect $CONNECT_URL)"
}

# --------------------------------------------------------------------------- stop
stop_proc() { # stop_proc <label> <pidfile> <main class>
  local label="$1" pidfile="$2" main="$3" pid
  if ! pid="$(running_pid "$pidfile" "$main")"; then
    rm -f "$pidfile"
    log "$label: not running"
    return 0
  fi
  log "$label: stopping pid $pid (SIGTERM)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$(( $(now) + STOP_TIMEOUT ))
  while kill -0 "$pid" 2>/dev/null; do
    if (( $(now) >= deadline )); then
      warn "$label: still running after ${STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  rm -f "$pidfile"
  log "$label: stopped"
}

# One part can be stopped alone, so fault tests can restart the broker or Connect under a live stream.
# The project's own PostgreSQL is stopped only when named: like a machine's server it outlives a run.
cmd_stop() {
  local which="${1:-all}"
  [[ "$which" == all || "$which" == kafka || "$which" == connect || "$which" == postgres ]] \
    || die "stop: unknown part '$which' (usage: stop [kafka|connect|postgres])"
  with_lock
  if [[ "$which" == postgres ]]; then stop_own_cluster; return 0; fi
  [[ "$which" == kafka ]] || stop_proc connect "$CONNECT_PID" ConnectDistributed
  [[ "$which" == connect ]] || stop_proc kafka "$KAFKA_PID" kafka.Kafka
}

# Fault injection: SIGKILL, no shutdown hooks, no final offset flush — what a crash or an OOM kill does.
cmd_kill() {
  local which="${1:-}" pidfile main pid
  case "$which" in
    kafka) pidfile="$KAFKA_PID"; main=kafka.Kafka ;;
    connect) pidfile="$CONNECT_PID"; main=ConnectDistributed ;;
    *) die "kill: name the part to crash (usage: kill kafka|connect)" ;;
  esac
  with_lock
  if ! pid="$(running_pid "$pidfile" "$main")"; then
    log "$which: not running"
    return 0
  fi
  kill -KILL "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$pidfile"
  log "$which: killed pid $pid (SIGKILL)"
}

# --------------------------------------------------------------------------- connectors
# register, unregister and the connector part of status are TypeScript (cdc/src/connect, the same client
# the tests use), run on the project's Node 24; this script keeps the processes.
run_connect_cli() {
  local node="$REPO_ROOT/node_modules/.bin/node"
  [[ -x "$node" ]] || die "$node is missing: run npm ci in $REPO_ROOT first"
  (cd "$REPO_ROOT" && CONNECT_URL="$CONNECT_URL" KAFKA_PORT="$KAFKA_PORT" CDC_CONNECTORS_DIR="$CONNECTORS_DIR" \
    CDC_REGISTER_TIMEOUT="$REGISTER_TIMEOUT" CDC_CONNECT_LOG="$CONNECT_LOG" \
    "$node" --import tsx "$REPO_ROOT/cdc/src/connect/cli.ts" "$@")
}

# --------------------------------------------------------------------------- status & logs
cmd_status() {
  local pid topics=0
  [[ "${1:-}" == --topics ]] && topics=1
  postgres_status
  if pid="$(running_pid "$KAFKA_PID" kafka.Kafka)"; then
    log "kafka: running (pid $pid, $KAFKA_HOST:$KAFKA_PORT, controller $KAFKA_CONTROLLER_PORT)"
    if (( topics )); then
      list_topics | sed 's/^/[cdc]   topic /' || warn "kafka: topic listing failed"
    fi
  else
    log "kafka: stopped"
  fi
  if pid="$(running_pid "$CONNECT_PID" ConnectDistributed)"; then
    if connect_ready; then
      log "connect: running and ready (pid $pid, $CONNECT_URL)"
      run_connect_cli status || warn "connect: could not list the connectors"
    else
      log "connect: running, not ready yet (pid $pid, $CONNECT_URL)"
    fi
  else
    log "connect: stopped"
  fi
}

cmd_logs() {
  local which=all follow=0 n=100
  while (( $# )); do
    case "$1" in
      kafka|broker) which=kafka ;;
      connect) which=connect ;;
      postgres) which=postgres ;;
      -f|--follow) follow=1 ;;
      -n) shift; n="${1:?-n needs a number}" ;;
      *) die "logs: unknown argument '$1' (usage: logs [kafka|connect|postgres] [-f] [-n N])" ;;
    esac
    shift
  done
  local files=()
  [[ "$which" == all || "$which" == kafka ]] && files+=("$KAFKA_LOG")
  [[ "$which" == all || "$which" == connect ]] && files+=("$CONNECT_LOG")
  [[ "$which" == all || "$which" == postgres ]] && files+=("$PG_OWN_LOG")
  local f existing=()
  for f in "${files[@]}"; do [[ -f "$f" ]] && existing+=("$f"); done
  (( ${#existing[@]} )) || die "logs: no log files in ${LOG_DIR#"$REPO_ROOT"/} yet"
  if (( follow )); then tail -n "$n" -F "${existing[@]}"; else tail -n "$n" "${existing[@]}"; fi
}

usage() {
  sed -n '/^#   cdc.sh/,/^set /p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
  cat <<EOF

Env: KAFKA_PORT=$KAFKA_PORT KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT CONNECT_PORT=$CONNECT_PORT
     POSTGRES_URL or PGHOST=$PGHOST PGPORT=$PGPORT PGUSER=$PGUSER (CDC_DB_HOST/PORT/USER/PASSWORD for the connectors)
     CDC_POSTGRES_DIR=${PG_OWN_DIR#"$REPO_ROOT"/} (the project's own cluster, when nothing answers at a local address)
     KAFKA_HEAP_OPTS, CONNECT_HEAP_OPTS, CDC_JAVA, CDC_START_TIMEOUT, CDC_STOP_TIMEOUT, CDC_REGISTER_TIMEOUT
EOF
}

main() {
  local cmd="${1:-help}"; (( $# )) && shift
  resolve_postgres
  case "$cmd" in
    prepare-postgres) with_lock; cmd_prepare_postgres "$@" ;;
    postgres-env) cmd_postgres_env ;;
    resolve) mkdir -p "$TARGET_DIR"; cmd_resolve ;;
    start) cmd_start "$@" ;;
    register|unregister) run_connect_cli "$cmd" "$@" ;;
    check-positions) CONNECT_GROUP_ID="$CONNECT_GROUP_ID" run_connect_cli check-positions ;;
    redrive)
      [[ -x "$REPO_ROOT/node_modules/.bin/node" ]] || die "run npm ci in $REPO_ROOT first"
      (cd "$REPO_ROOT" && KAFKA_PORT="$KAFKA_PORT" "$REPO_ROOT/node_modules/.bin/node" --import tsx scripts/cdc-redrive.ts "$@") ;;
    stop) cmd_stop "$@" ;;
    kill) cmd_kill "$@" ;;
    status) cmd_status "$@" ;;
    logs) cmd_logs "$@" ;;
    help|-h|--help) usage ;;
    *) usage >&2; die "unknown command '$cmd'" ;;
  esac
}

main "$@"
