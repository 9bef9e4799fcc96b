#!/usr/bin/env bash
# `npm run bench [-- <name>]`: starts what the benchmarks need, runs them, writes bench/results/<name>.json.
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"
cd "$repo_root"

ensure_npm_dependencies
bash cdc/runtime/cdc.sh prepare-postgres
kafka_was_up=0
(exec 3<>"/dev/tcp/127.0.0.1/${KAFKA_PORT:-9092}") 2>/dev/null && kafka_was_up=1
bash cdc/runtime/cdc.sh start
if (( ! kafka_was_up )); then
  trap 'bash cdc/runtime/cdc.sh stop >/dev/null 2>&1 || true' EXIT
fi
run_ts bench/run.ts "$@"
