#!/usr/bin/env bash
# `npm test`: installs and starts what the tests need (npm dependencies, PostgreSQL settings and PostGIS,
# Kafka and Connect), type-checks and lints every workspace, runs the Kafka Streams app's JUnit tests (Maven
# Surefire, which also builds the app), then unit, integration and end-to-end tests (vitest).
# Extra arguments go to vitest, e.g. `npm test -- --project unit`: pure tests only (vitest's and the Streams
# app's), which need no PostgreSQL, Kafka, Connect nor public data, so none of them is prepared or started.
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"
cd "$repo_root"

# The vitest projects the arguments name (`--project unit`, `--project=unit`), one per line.
named_projects() {
  local arg want_value=0
  for arg in "$@"; do
    if (( want_value )); then echo "$arg"; want_value=0; continue; fi
    case $arg in
      --project) want_value=1 ;;
      --project=*) echo "${arg#--project=}" ;;
    esac
  done
}

# True when the arguments name projects and every one is `unit`.
only_unit_tests() {
  local projects
  projects=$(named_projects "$@")
  [[ -n $projects ]] && ! grep -qvx unit <<<"$projects"
}

# True unless the arguments name projects and none of them is `unit`: the JUnit tests are unit tests too.
selects_unit_tests() {
  local projects
  projects=$(named_projects "$@")
  [[ -z $projects ]] || grep -qx unit <<<"$projects"
}

# The vitest projects vitest.config.ts defines: a misspelt one fails now, not after minutes of set-up.
known_projects=(unit int e2e)
for project in $(named_projects "$@"); do
  [[ " ${known_projects[*]} " == *" $project "* ]] ||
    { echo "[test] no test project '$project': the projects are ${known_projects[*]} (vitest.config.ts)" >&2; exit 2; }
done

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

status=0
rm -rf streams/verification-timers/target/surefire-reports
if selects_unit_tests "$@"; then
  echo "[test] Kafka Streams tests (Maven Surefire)"
  # A failure here fails the run, but vitest still runs: one run shows every failure.
  bash streams/verification-timers/build.sh --test || status=$?
fi

mkdir -p .data
results=.data/test-results.json
rm -f "$results"
node_modules/.bin/node node_modules/vitest/vitest.mjs run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
# One plain closing line for both runners, whatever their reporters printed above.
node_modules/.bin/node -e '
  const fs = require("fs");
  const [results, reports] = process.argv.slice(1);
  let passed = 0, failed = 0, skipped = 0;
  if (fs.existsSync(results)) {
    const r = JSON.parse(fs.readFileSync(results, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests;
  }
  for (const f of fs.existsSync(reports) ? fs.readdirSync(reports).filter((f) => /^TEST-.*\.xml$/.test(f)) : []) {
    const suite = /<testsuite\b[^>]*>/.exec(fs.readFileSync(`${reports}/${f}`, "utf8"))?.[0] ?? "";
    const n = (name) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1] ?? 0);
    passed += n("tests") - n("failures") - n("errors") - n("skipped"); failed += n("failures") + n("errors"); skipped += n("skipped");
  }
  console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$results" streams/verification-timers/target/surefire-reports
exit $status
