#!/usr/bin/env bash
# `npm test`: installs and starts what the tests need (npm dependencies, PostgreSQL settings and PostGIS,
# Kafka and Connect), type-checks every workspace, then runs unit, integration and end-to-end tests.
# Extra arguments go to vitest, e.g. `npm test -- --project unit`.
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"
cd "$repo_root"

ensure_npm_dependencies
start_cdc_runtime_for_this_run

export DATA_DIR="${DATA_DIR:-$(cd "$repo_root/.." && pwd)/shared/data}"
[[ -d $DATA_DIR ]] || { echo "[test] DATA_DIR=$DATA_DIR does not exist: the tests read the public data from there" >&2; exit 1; }

echo "[test] type-checking every workspace"
turbo run typecheck --output-logs=errors-only
tsc --noEmit -p .
echo "[test] linting (declared dependencies, no import cycles, no reaching into another package by path)"
eslint --max-warnings 0 .

mkdir -p .data
results=.data/test-results.json
status=0
node_modules/.bin/node node_modules/vitest/vitest.mjs run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
# One plain closing line, whatever the reporter printed above.
if [[ -f $results ]]; then
  node_modules/.bin/node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
  ' "$results"
fi
exit $status
