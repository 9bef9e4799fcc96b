#!/usr/bin/env bash
# `npm test`: installs and starts what the tests need (npm dependencies, PostgreSQL settings and PostGIS,
# Kafka and Connect), type-checks every workspace, then runs unit, integration and end-to-end tests.
# Extra arguments go to vitest, e.g. `npm test -- --project unit`: pure tests only, which need no
# PostgreSQL, Kafka, Connect nor public data, so none of them is prepared or started.
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"
cd "$repo_root"

# True when the vitest arguments name projects (`--project unit`, `--project=unit`) and every one is `unit`.
only_unit_tests() {
  local projects=() arg want_value=0
  for arg in "$@"; do
    if (( want_value )); then projects+=("$arg"); want_value=0; continue; fi
    case $arg in
      --project) want_value=1 ;;
      --project=*) projects+=("${arg#--project=}") ;;
    esac
  done
  (( ${#projects[@]} )) || return 1
  for arg in "${projects[@]}"; do [[ $arg == unit ]] || return 1; done
}

ensure_npm_dependencies
if only_unit_tests "$@"; then
  echo "[test] unit tests only: PostgreSQL, Kafka and Connect are not needed, not prepared"
else
  start_cdc_runtime_for_this_run
  export DATA_DIR="${DATA_DIR:-$(cd "$repo_root/.." && pwd)/shared/data}"
  [[ -d $DATA_DIR ]] || { echo "[test] DATA_DIR=$DATA_DIR does not exist: the tests read the public data from there" >&2; exit 1; }
fi

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
