#!/usr/bin/env bash
# `npm start`: everything a fresh clone needs, then the whole system in the foreground (Ctrl-C stops it).
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"
cd "$repo_root"

# `npm start -- --ha` (or CDC_HA=1): the three-node Kafka cluster and two Connect workers of cdc/compose/ha.env.
for arg in "$@"; do
  case $arg in
    --ha) export CDC_HA=1 ;;
    *) echo "[start] unknown argument '$arg' (usage: npm start [-- --ha])" >&2; exit 2 ;;
  esac
done

ensure_npm_dependencies
prepare_postgres
bash cdc/runtime/cdc.sh start
use_cdc_brokers
# The Kafka Streams app the stack launcher starts (compiled once per change of its sources).
bash streams/verification-timers/build.sh
# If the Node part dies before it can stop them, Kafka and Connect must not outlive this command.
trap 'bash cdc/runtime/cdc.sh stop >/dev/null 2>&1 || true' EXIT
run_ts scripts/start.ts
