#!/usr/bin/env bash
# `npm run bench [-- <name>]`: starts what the benchmarks need, runs them, writes bench/results/<name>.json.
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"
cd "$repo_root"

ensure_npm_dependencies
# Benchmarks that need only PostgreSQL skip Kafka and Connect (and the CPU they take from the figures).
needs_kafka=0
for name in "${@:-all}"; do
  case $name in --|fcm|attacks|hospitals) ;; *) needs_kafka=1 ;; esac
done
(( needs_kafka )) && start_cdc_runtime_for_this_run
run_ts bench/run.ts "$@"
