#!/usr/bin/env bash
# `npm run bench [-- <name>]`: starts what the benchmarks need, runs them, writes bench/results/<name>.json.
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"
cd "$repo_root"

ensure_npm_dependencies
start_cdc_runtime_for_this_run
run_ts bench/run.ts "$@"
