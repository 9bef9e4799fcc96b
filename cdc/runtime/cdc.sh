#!/usr/bin/env bash
# CDC runtime CLI: PostgreSQL preparation, Kafka (KRaft: one node, or with --ha / CDC_HA=1 three
# broker+controller nodes and two Connect workers, as cdc/compose/ha.env defines for docker-compose.yml's
# `ha` profile too), Kafka Connect (distributed mode) with the Debezium PostgreSQL connector, and
# connector registration.
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
#   cdc.sh start [--ha] [kafka|connect]  resolve if needed, start broker then Connect (or one), wait until ready;
#                             --ha (or CDC_HA=1): three KRaft nodes and two Connect workers; a stopped or killed
#                             one of them is started again, the running ones are left alone
#   cdc.sh register [--restart] PUT each cdc/connectors/*.json whose database exists; wait RUNNING
#                             (--restart: also restart unchanged ones, after migrations added tables)
#   cdc.sh unregister [name]  stop+delete connectors, reset their offsets, drop slot+publication
#   cdc.sh stop [kafka|connect|postgres]  stop Connect then the broker, or one (SIGTERM, then SIGKILL after
#                             a timeout); postgres = the project's own cluster, stopped only when named
#   cdc.sh kill kafka|connect     crash one part (SIGKILL), for fault tests; with --ha a node (kafka, kafka-2,
#                             kafka-3) or a worker (connect, connect-2)
#   cdc.sh controller         the node that is the active controller (the KRaft quorum's leader), e.g. kafka-2
#   cdc.sh kafka-env          `export KAFKA_BROKERS=…`: every node of the cluster start brought up (the npm scripts
#                             eval it, so clients find the cluster through any node that is up)
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
KAFKA_CONF_DIR="$KAFKA_DIR/config"
LOG_DIR="$DATA_DIR/logs"
CONNECT_LOG="$LOG_DIR/connect.log"
LOCK_FILE="$DATA_DIR/.cdc.lock"
# The three-node cluster keeps its own storage: a single node's KRaft log cannot become a three-voter quorum's.
HA_DIR="$DATA_DIR/kafka-ha"
# What `start` last brought up (single or ha): stop, status, kill and kafka-env act on that.
MODE_FILE="$DATA_DIR/.cdc-mode"
# The one definition of the three-node cluster, shared with docker-compose.yml's `ha` profile.
HA_ENV="$REPO_ROOT/cdc/compose/ha.env"

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

# --------------------------------------------------------------------------- cluster shape
# One node (the default) or the three of cdc/compose/ha.env. Node n (its id in KAFKA_VOTERS) listens on
# KAFKA_PORT + 2(n-1) and its controller on KAFKA_CONTROLLER_PORT + 2(n-1); Connect worker w on
# CONNECT_PORT + w - 1. Node 1 and worker 1 keep the single-node names (kafka, connect) and ports.
HA=0
NODE_IDS=(1)
WORKERS=1
REPLICATION_FACTOR=1
MIN_ISR=1

ha_value() { sed -n "s/^$1=//p" "$HA_ENV" | tail -n 1; }

use_ha() {
  [[ -f "$HA_ENV" ]] || die "$HA_ENV is missing: it defines the three-node cluster"
  local voters entry
  voters="$(ha_value KAFKA_VOTERS)"
  NODE_IDS=()
  for entry in ${voters//,/ }; do NODE_IDS+=("${entry%%@*}"); done
  (( ${#NODE_IDS[@]} >= 3 )) || die "$HA_ENV: KAFKA_VOTERS names ${#NODE_IDS[@]} voters; a quorum that survives a loss needs 3"
  REPLICATION_FACTOR="$(ha_value KAFKA_REPLICATION_FACTOR)"
  MIN_ISR="$(ha_value KAFKA_MIN_ISR)"
  WORKERS="$(ha_value CONNECT_WORKERS)"
  [[ "$REPLICATION_FACTOR" =~ ^[0-9]+$ && "$MIN_ISR" =~ ^[0-9]+$ && "$WORKERS" =~ ^[0-9]+$ ]] \
    || die "$HA_ENV must set KAFKA_REPLICATION_FACTOR, KAFKA_MIN_ISR and CONNECT_WORKERS to numbers"
  HA=1
}

node_label() { if (( $1 == 1 )); then echo kafka; else echo "kafka-$1"; fi; }
node_port() { echo $(( KAFKA_PORT + 2 * ($1 - 1) )); }
node_controller_port() { echo $(( KAFKA_CONTROLLER_PORT + 2 * ($1 - 1) )); }
node_dir() { if (( HA )); then echo "$HA_DIR/$(node_label "$1")"; else echo "$KAFKA_DIR"; fi; }
worker_label() { if (( $1 == 1 )); then echo connect; else echo "connect-$1"; fi; }
worker_port() { echo $(( CONNECT_PORT + $1 - 1 )); }
pid_file() { echo "$LOG_DIR/$1.pid"; }
log_file() { echo "$LOG_DIR/$1.log"; }
worker_ids() { seq 1 "$WORKERS"; }
# Every worker's REST address, in the order the connector commands try them (CONNECT_URLS of cdc/src/connect).
worker_urls() {
  local w list=()
  for w in $(worker_ids); do list+=("http://127.0.0.1:$(worker_port "$w")"); done
  (IFS=,; echo "${list[*]}")
}

bootstrap_servers() {
  local id list=()
  for id in "${NODE_IDS[@]}"; do list+=("$KAFKA_HOST:$(node_port "$id")"); done
  (IFS=,; echo "${list[*]}")
}

controller_voters() {
  local id list=()
  for id in "${NODE_IDS[@]}"; do list+=("$id@$KAFKA_HOST:$(node_controller_port "$id")"); done
  (IFS=,; echo "${list[*]}")
}

# The mode of a command other than start: CDC_HA=1, else what start last brought up.
pick_mode() {
  if [[ "${CDC_HA:-0}" == 1 || ( -f "$MODE_FILE" && "$(cat "$MODE_FILE")" == ha ) ]]; then use_ha; fi
}

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
# The pom, the sources of the transform it compiles and the patches to Debezium: editing any triggers a fresh resolve.
pom_hash() { find "$RUNTIME_DIR/pom.xml" "$RUNTIME_DIR/transforms" "$RUNTIME_DIR/patches" -type f | LC_ALL=C sort | xargs cat | sha256sum | cut -d' ' -f1; }
PATCHED_MARKER="$TARGET_DIR/debezium-patch/applied"

is_resolved() {
  [[ -f "$STAMP_FILE" && "$(cat "$STAMP_FILE")" == "$(pom_hash)" ]] || return 1
  compgen -G "$LIB_DIR/kafka_2.13-*.jar" >/dev/null || return 1
  compgen -G "$LIB_DIR/connect-runtime-*.jar" >/dev/null || return 1
  compgen -G "$PLUGIN_DIR/debezium-connector-postgres/debezium-connector-postgres-*.jar" >/dev/null || return 1
  [[ -f "$PLUGIN_DIR/debezium-connector-postgres/petcare-transforms.jar" ]] || return 1
  [[ -f "$PATCHED_MARKER" ]] || return 1
}

# Debezium 3.6.1's ChangeEventQueue.poll() spins through the last millisecond of every poll (a whole-millisecond timer
# reports 0 ms left before it expires): a fifth of a core for four idle connectors. The fix is one line and not
# released upstream, so, like the kafkajs patch on npm install, the class is rebuilt here from Debezium's own published
# source with patches/*.patch applied, and replaced in the plugin's jar. A patch that no longer applies (a Debezium
# upgrade) fails the resolve instead of being dropped silently.
patch_debezium() {
  local work="$TARGET_DIR/debezium-patch" jar patchfile
  jar=$(compgen -G "$PLUGIN_DIR/debezium-connector-postgres/debezium-connector-common-*.jar") || die "resolve: debezium-connector-common jar missing from the plugin"
  need_cmd patch patch
  need_cmd javac openjdk-17-jdk-headless
  for patchfile in "$RUNTIME_DIR"/patches/*.patch; do
    patch -d "$work/src" -p1 --forward --quiet <"$patchfile" || die "resolve: ${patchfile#"$REPO_ROOT"/} no longer applies to Debezium's source"
  done
  mkdir -p "$work/classes"
  javac -nowarn --release 17 -encoding UTF-8 -cp "$PLUGIN_DIR/debezium-connector-postgres/*" -d "$work/classes" \
    "$work/src/io/debezium/connector/base/ChangeEventQueue.java" >"$work/javac.log" 2>&1 || { cat "$work/javac.log" >&2; die "resolve: the patched Debezium class does not compile"; }
  (cd "$work/classes" && jar uf "$jar" io/debezium/connector/base/ChangeEventQueue*.class)
  touch "$PATCHED_MARKER"
  log "resolve: patched Debezium's ChangeEventQueue in ${jar#"$REPO_ROOT"/} ($(ls "$RUNTIME_DIR"/patches/*.patch | wc -l) patch, see cdc/runtime/patches/README.md)"
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
  patch_debezium
  pom_hash >"$STAMP_FILE"
  is_resolved || die "resolve: mvn succeeded but target/ is incomplete"
  log "resolve: done in $(( $(now) - t0 ))s ($(ls "$LIB_DIR" | wc -l) jars, plugin in ${PLUGIN_DIR#"$REPO_ROOT"/})"
}

# --------------------------------------------------------------------------- configs
write_kafka_config() { # write_kafka_config <node id>
  local id="$1" dir port cport quorum
  dir="$(node_dir "$id")"; port="$(node_port "$id")"; cport="$(node_controller_port "$id")"
  # A single controller finds itself through bootstrap servers (formatted --standalone); three are static voters,
  # as docker-compose.yml's KAFKA_CONTROLLER_QUORUM_VOTERS.
  if (( HA )); then quorum="controller.quorum.voters=$(controller_voters)"
  else quorum="controller.quorum.bootstrap.servers=$KAFKA_HOST:$cport"; fi
  mkdir -p "$dir/config" "$dir/data"
  cat >"$dir/config/server.properties" <<EOF
# Generated by cdc/runtime/cdc.sh at each start; edit the script, not this file.
process.roles=broker,controller
node.id=$id
$quorum
listeners=PLAINTEXT://$KAFKA_HOST:$port,CONTROLLER://$KAFKA_HOST:$cport
advertised.listeners=PLAINTEXT://$KAFKA_HOST:$port
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
# Every topic, the internal ones too, with the cluster's replication factor ($REPLICATION_FACTOR) and $MIN_ISR in
# sync for an acks=all write: one node alone, or (cdc/compose/ha.env) three, any one of which may be lost.
# Topics created without a replication factor (Debezium's topic.creation, the consumers', Kafka Streams') take it.
num.partitions=1
default.replication.factor=$REPLICATION_FACTOR
min.insync.replicas=$MIN_ISR
offsets.topic.replication.factor=$REPLICATION_FACTOR
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=$REPLICATION_FACTOR
transaction.state.log.min.isr=$MIN_ISR
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=$REPLICATION_FACTOR
share.coordinator.state.topic.min.isr=$MIN_ISR
# A replica that is not in sync never becomes leader: losing a node must not lose acknowledged changes.
unclean.leader.election.enable=false
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

connect_config_file() { # the worker's generated properties
  if (( HA )); then echo "$HA_DIR/config/$(worker_label "$1").properties"
  else echo "$KAFKA_CONF_DIR/connect-distributed.properties"; fi
}

write_connect_config() { # write_connect_config <worker number>
  local file port
  file="$(connect_config_file "$1")"; port="$(worker_port "$1")"
  mkdir -p "$(dirname "$file")"
  cat >"$file" <<EOF
# Generated by cdc/runtime/cdc.sh at each start; edit the script, not this file.
bootstrap.servers=$(bootstrap_servers)
# Workers of one group share the connectors: a task of a worker that dies moves to another.
group.id=$CONNECT_GROUP_ID
listeners=http://127.0.0.1:$port
rest.advertised.host.name=127.0.0.1
rest.advertised.port=$port

key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=false
value.converter.schemas.enable=false

config.storage.topic=$CONNECT_GROUP_ID-configs
offset.storage.topic=$CONNECT_GROUP_ID-offsets
status.storage.topic=$CONNECT_GROUP_ID-status
config.storage.replication.factor=$REPLICATION_FACTOR
offset.storage.replication.factor=$REPLICATION_FACTOR
status.storage.replication.factor=$REPLICATION_FACTOR
offset.storage.partitions=5
status.storage.partitions=1
# commit source offsets every second (default 60 s): fewer replays after a crash
offset.flush.interval.ms=1000
# reassign a lost worker's connectors and tasks at once instead of after 5 minutes (one worker: when it
# comes back; two: to the survivor, once its session times out)
scheduled.rebalance.max.delay.ms=0
# Connect's default for source tasks, said here because the promise rests on it: a change counts as written
# once min.insync.replicas replicas have it.
producer.acks=all

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
format_storage() { # format_storage <node id>
  local id="$1" dir label base quorum expected mode=(--standalone)
  dir="$(node_dir "$id")"; label="$(node_label "$id")"
  # What the storage was formatted for: the controller port, or the three voters.
  if (( HA )); then base="$HA_DIR"; expected="$(controller_voters)"; mode=()
  else base="$KAFKA_DIR"; expected="$KAFKA_CONTROLLER_PORT"; fi
  local id_file="$base/cluster.id" quorum_file="$base/controller.port"
  mkdir -p "$base"
  if [[ -f "$dir/data/meta.properties" ]]; then
    quorum="$(cat "$quorum_file" 2>/dev/null || true)"
    if [[ -n "$quorum" && "$quorum" != "$expected" ]]; then
      die "$label: storage in ${base#"$REPO_ROOT"/} was formatted for controller(s) $quorum, not $expected; delete that directory to re-format"
    fi
    return 0
  fi
  [[ -s "$id_file" ]] || run_java kafka.tools.StorageTool random-uuid >"$id_file"
  log "$label: formatting KRaft storage (cluster id $(cat "$id_file"), ${mode[*]:-voters $expected})"
  run_java kafka.tools.StorageTool format "${mode[@]}" -t "$(cat "$id_file")" \
    -c "$dir/config/server.properties" >"$LOG_DIR/$label-format.log" 2>&1 \
    || { tail_log "$LOG_DIR/$label-format.log"; die "$label: storage format failed"; }
  echo "$expected" >"$quorum_file"
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
READY_NODE=1 # the node broker_ready checks (wait_until_ready calls it without arguments)
broker_ready() {
  port_open "$KAFKA_HOST" "$(node_port "$READY_NODE")" || return 1
  grep -qF 'Kafka Server started' "$(log_file "$(node_label "$READY_NODE")")" 2>/dev/null
}

# The node leading the KRaft quorum: the active controller (DescribeCluster names any broker under KRaft).
active_controller() {
  timeout 60 "$(java_bin)" -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j2.configurationFile="$LOG4J_CONFIG" -Dcdc.log.level=ERROR -cp "$(classpath)" \
    org.apache.kafka.tools.MetadataQuorumCommand --bootstrap-server "$(bootstrap_servers)" describe --status \
    | sed -n 's/^LeaderId: *//p'
}

cmd_controller() {
  local id
  id="$(active_controller)"
  [[ "$id" =~ ^[0-9]+$ ]] || die "controller: the quorum named no leader"
  node_label "$id"
}

list_topics() {
  timeout 60 "$(java_bin)" -Xmx128m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j2.configurationFile="$LOG4J_CONFIG" -Dcdc.log.level=ERROR -cp "$(classpath)" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "$(bootstrap_servers)" --list
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

# Spawns every node that is not running, then waits for each: a node of three finishes starting only once a
# quorum of controllers is up, so they start together.
start_kafka() {
  local id label pid port cport started=()
  for id in "${NODE_IDS[@]}"; do
    label="$(node_label "$id")"; port="$(node_port "$id")"; cport="$(node_controller_port "$id")"
    if pid="$(running_pid "$(pid_file "$label")" kafka.Kafka)"; then
      log "$label: already running (pid $pid, $KAFKA_HOST:$port) - nothing to do"
      continue
    fi
    for p in "$port" "$cport"; do
      port_open 127.0.0.1 "$p" && die "$label: port $p is already in use by another process (set KAFKA_PORT / KAFKA_CONTROLLER_PORT)"
    done
    write_kafka_config "$id"
    format_storage "$id"
    log "$label: starting broker+controller on $KAFKA_HOST:$port (controller $cport)"
    spawn "$(pid_file "$label")" "$(log_file "$label")" "$KAFKA_HEAP_OPTS" kafka.Kafka "$(node_dir "$id")/config/server.properties"
    started+=("$id")
  done
  for id in "${started[@]}"; do
    label="$(node_label "$id")"; READY_NODE="$id"
    wait_until_ready "$label" broker "$(pid_file "$label")" "$(log_file "$label")" broker_ready "still running; cdc.sh stop to clean up" ""
  done
}

# --------------------------------------------------------------------------- kafka connect
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" 2>/dev/null || true; }

READY_WORKER=1 # the worker connect_ready checks
connect_ready() {
  local url="http://127.0.0.1:$(worker_port "$READY_WORKER")"
  [[ "$(http_code "$url/connectors")" == 200 ]] || return 1
  curl -s --max-time 5 "$url/connector-plugins" 2>/dev/null | grep -qF "\"$DEBEZIUM_CLASS\""
}

start_connect() {
  local w label pid port missing=()
  for w in $(worker_ids); do
    label="$(worker_label "$w")"; port="$(worker_port "$w")"
    if pid="$(running_pid "$(pid_file "$label")" ConnectDistributed)"; then
      log "$label: already running (pid $pid, http://127.0.0.1:$port) - nothing to do"
      continue
    fi
    port_open 127.0.0.1 "$port" && die "$label: port $port is already in use by another process (set CONNECT_PORT)"
    missing+=("$w")
  done
  (( ${#missing[@]} )) || return 0
  # Before Connect resumes its connectors: a connector whose stored position PostgreSQL no longer has would
  # stream from the slot's position instead, silently skipping the changes in between (cdc/README.md). With a
  # worker of the group still running the connectors are running too, and nothing can be compared safely.
  if (( ${#missing[@]} == WORKERS )); then
    CONNECT_GROUP_ID="$CONNECT_GROUP_ID" run_connect_cli check-positions \
      || warn "connect: could not compare the connectors' stored positions with their replication slots"
  fi
  # What ${env:CDC_KAFKA_BROKERS} in cdc/connectors/*.json resolves to: the snapshot-end channel reads a table topic's
  # partition count there, to write a marker into each partition.
  export CDC_KAFKA_BROKERS="${CDC_KAFKA_BROKERS:-$(bootstrap_servers)}"
  for w in "${missing[@]}"; do
    label="$(worker_label "$w")"
    write_connect_config "$w"
    log "$label: starting distributed worker (group $CONNECT_GROUP_ID, REST http://127.0.0.1:$(worker_port "$w"))"
    spawn "$(pid_file "$label")" "$(log_file "$label")" "$CONNECT_HEAP_OPTS" \
      org.apache.kafka.connect.cli.ConnectDistributed "$(connect_config_file "$w")"
  done
  for w in "${missing[@]}"; do
    label="$(worker_label "$w")"; READY_WORKER="$w"
    wait_until_ready "$label" worker "$(pid_file "$label")" "$(log_file "$label")" connect_ready \
      "GET /connectors must be 200 and /connector-plugins must list $DEBEZIUM_CLASS" ", Debezium plugin loaded"
  done
}

# The other mode's processes hold the same ports: one cluster at a time.
refuse_other_mode() {
  local label other=single
  (( HA )) || other=ha
  [[ -f "$MODE_FILE" && "$(cat "$MODE_FILE")" == "$other" ]] || return 0
  for label in kafka kafka-2 kafka-3 connect connect-2; do
    if running_pid "$(pid_file "$label")" "$([[ $label == kafka* ]] && echo kafka.Kafka || echo ConnectDistributed)" >/dev/null; then
      die "start: the $other cluster is running ($label); cdc.sh stop first$( [[ $other == ha ]] && echo ", or start --ha to start its stopped parts")"
    fi
  done
}

cmd_start() {
  local which=all
  while (( $# )); do
    case "$1" in
      --ha) CDC_HA=1 ;;
      all|kafka|connect) which="$1" ;;
      *) die "start: unknown argument '$1' (usage: start [--ha] [kafka|connect])" ;;
    esac
    shift
  done
  if [[ "${CDC_HA:-0}" == 1 ]]; then use_ha; fi
  need_cmd curl
  check_java
  mkdir -p "$LOG_DIR"
  with_lock
  refuse_other_mode
  cmd_resolve
  if (( HA )); then echo ha >"$MODE_FILE"; else echo single >"$MODE_FILE"; fi
  local t0; t0=$(now)
  [[ "$which" == connect ]] || start_kafka
  [[ "$which" == kafka ]] || start_connect
  log "start: $which up ($(( $(now) - t0 ))s; Kafka $(bootstrap_servers), Connect $CONNECT_URL$( (( WORKERS > 1 )) && echo " and $((WORKERS - 1)) more worker(s) on the next port(s)"))"
}

# --------------------------------------------------------------------------- stop
main_class() { if [[ "$1" == kafka* ]]; then echo kafka.Kafka; else echo ConnectDistributed; fi; }

# Every part is asked to stop first, then waited for: the nodes of a quorum stop together (one stopping last
# alone would wait for controllers that are gone).
stop_procs() { # stop_procs <label>...
  local label pid labels=() pids=()
  for label in "$@"; do
    if ! pid="$(running_pid "$(pid_file "$label")" "$(main_class "$label")")"; then
      rm -f "$(pid_file "$label")"
      continue
    fi
    log "$label: stopping pid $pid (SIGTERM)"
    kill -TERM "$pid" 2>/dev/null || true
    labels+=("$label"); pids+=("$pid")
  done
  local i deadline=$(( $(now) + STOP_TIMEOUT ))
  for i in "${!pids[@]}"; do
    while kill -0 "${pids[$i]}" 2>/dev/null; do
      if (( $(now) >= deadline )); then
        warn "${labels[$i]}: still running after ${STOP_TIMEOUT}s; sending SIGKILL"
        kill -KILL "${pids[$i]}" 2>/dev/null || true
        sleep 0.5
        break
      fi
      sleep 0.2
    done
    rm -f "$(pid_file "${labels[$i]}")"
    log "${labels[$i]}: stopped"
  done
}

all_node_labels() { local id; for id in 1 2 3; do node_label "$id"; done; }
all_worker_labels() { local w; for w in 1 2; do worker_label "$w"; done; }

# One part can be stopped alone, so fault tests can restart the broker or Connect under a live stream.
# The project's own PostgreSQL is stopped only when named: like a machine's server it outlives a run.
# Whatever runs of either mode is stopped: kafka and connect name all nodes and all workers.
cmd_stop() {
  local which="${1:-all}"
  [[ "$which" == all || "$which" == kafka || "$which" == connect || "$which" == postgres ]] \
    || die "stop: unknown part '$which' (usage: stop [kafka|connect|postgres])"
  with_lock
  if [[ "$which" == postgres ]]; then stop_own_cluster; return 0; fi
  local any=0 label
  for label in $(all_worker_labels) $(all_node_labels); do
    running_pid "$(pid_file "$label")" "$(main_class "$label")" >/dev/null && any=1
  done
  (( any )) || { log "$which: not running"; return 0; }
  # shellcheck disable=SC2046  # one label per word
  [[ "$which" == kafka ]] || stop_procs $(all_worker_labels)
  # shellcheck disable=SC2046
  [[ "$which" == connect ]] || stop_procs $(all_node_labels)
}

# Fault injection: SIGKILL, no shutdown hooks, no final offset flush — what a crash or an OOM kill does.
cmd_kill() {
  local which="${1:-}" pidfile main pid
  case "$which" in
    kafka|kafka-2|kafka-3|connect|connect-2) pidfile="$(pid_file "$which")"; main="$(main_class "$which")" ;;
    *) die "kill: name the part to crash (usage: kill kafka|connect, with --ha also kafka-2|kafka-3|connect-2)" ;;
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
# the tests use), run on the project's Node 24; this script keeps the processes. They try each worker of the
# running profile in turn (one line says which answered), so they work with worker 1 down.
run_connect_cli() {
  local node="$REPO_ROOT/node_modules/.bin/node"
  [[ -x "$node" ]] || die "$node is missing: run npm ci in $REPO_ROOT first"
  (cd "$REPO_ROOT" && CONNECT_URL="$CONNECT_URL" CONNECT_URLS="$(worker_urls)" KAFKA_BROKERS="$(bootstrap_servers)" CDC_CONNECTORS_DIR="$CONNECTORS_DIR" \
    CDC_REGISTER_TIMEOUT="$REGISTER_TIMEOUT" CDC_CONNECT_LOG="$CONNECT_LOG" \
    "$node" --import tsx "$REPO_ROOT/cdc/src/connect/cli.ts" "$@")
}

# --------------------------------------------------------------------------- status & logs
cmd_status() {
  local pid topics=0
  [[ "${1:-}" == --topics ]] && topics=1
  postgres_status
  local id w label nodes_up=0 ready=0
  (( HA )) && log "cluster: ${#NODE_IDS[@]} KRaft nodes (voters $(controller_voters)), $WORKERS Connect workers, replication factor $REPLICATION_FACTOR, min.insync.replicas $MIN_ISR"
  for id in "${NODE_IDS[@]}"; do
    label="$(node_label "$id")"
    if pid="$(running_pid "$(pid_file "$label")" kafka.Kafka)"; then
      log "$label: running (pid $pid, $KAFKA_HOST:$(node_port "$id"), controller $(node_controller_port "$id"))"
      nodes_up=$(( nodes_up + 1 ))
    else
      log "$label: stopped"
    fi
  done
  if (( HA && nodes_up )); then
    log "quorum: active controller $(cmd_controller 2>/dev/null || echo "unknown (no quorum leader)")"
  fi
  if (( topics && nodes_up )); then
    list_topics | sed 's/^/[cdc]   topic /' || warn "kafka: topic listing failed"
  fi
  for w in $(worker_ids); do
    label="$(worker_label "$w")"; READY_WORKER="$w"
    if pid="$(running_pid "$(pid_file "$label")" ConnectDistributed)"; then
      if connect_ready; then
        log "$label: running and ready (pid $pid, http://127.0.0.1:$(worker_port "$w"))"
        ready=1
      else
        log "$label: running, not ready yet (pid $pid, http://127.0.0.1:$(worker_port "$w"))"
      fi
    else
      log "$label: stopped"
    fi
  done
  if (( ready )); then run_connect_cli status || warn "connect: could not list the connectors"; fi
}

cmd_kafka_env() {
  printf 'export KAFKA_BROKERS=%s\n' "$(bootstrap_servers)"
}

cmd_logs() {
  local which=all follow=0 n=100
  while (( $# )); do
    case "$1" in
      kafka|broker) which=kafka ;;
      connect) which=connect ;;
      kafka-[0-9]|connect-[0-9]) which="$1" ;;
      postgres) which=postgres ;;
      -f|--follow) follow=1 ;;
      -n) shift; n="${1:?-n needs a number}" ;;
      *) die "logs: unknown argument '$1' (usage: logs [kafka|connect|postgres] [-f] [-n N])" ;;
    esac
    shift
  done
  local files=()
  local id w
  for id in "${NODE_IDS[@]}"; do
    [[ "$which" == all || "$which" == kafka || "$which" == "$(node_label "$id")" ]] && files+=("$(log_file "$(node_label "$id")")")
  done
  for w in $(worker_ids); do
    [[ "$which" == all || "$which" == connect || "$which" == "$(worker_label "$w")" ]] && files+=("$(log_file "$(worker_label "$w")")")
  done
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
     CDC_HA=1 (as start --ha): the cluster of ${HA_ENV#"$REPO_ROOT"/}, nodes on every second port from KAFKA_PORT
     POSTGRES_URL or PGHOST=$PGHOST PGPORT=$PGPORT PGUSER=$PGUSER (CDC_DB_HOST/PORT/USER/PASSWORD for the connectors)
     CDC_POSTGRES_DIR=${PG_OWN_DIR#"$REPO_ROOT"/} (the project's own cluster, when nothing answers at a local address)
     CDC_KAFKA_BROKERS (default: this cluster) where the connectors' snapshot-end channel reads partition counts
     KAFKA_HEAP_OPTS, CONNECT_HEAP_OPTS, CDC_JAVA, CDC_START_TIMEOUT, CDC_STOP_TIMEOUT, CDC_REGISTER_TIMEOUT
EOF
}

main() {
  local cmd="${1:-help}"; (( $# )) && shift
  resolve_postgres
  [[ "$cmd" == start ]] || pick_mode
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
    kafka-env) cmd_kafka_env ;;
    controller) cmd_controller ;;
    logs) cmd_logs "$@" ;;
    help|-h|--help) usage ;;
    *) usage >&2; die "unknown command '$cmd'" ;;
  esac
}

main "$@"
