#!/usr/bin/env bash
# `npm test`: installs and starts what the tests need (npm dependencies, PostgreSQL settings and PostGIS,
# Kafka and Connect), type-checks every workspace, runs the Kafka Streams app's JUnit tests (Maven Surefire,
# which also builds the app), then unit, integration and end-to-end tests (vitest).
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

status=0
echo "[test] Kafka Streams tests (Maven Surefire)"
# A failure here fails the run, but vitest still runs: one run shows every failure.
bash streams/verification-timers/build.sh --test || status=$?

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
