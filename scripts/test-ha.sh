#!/usr/bin/env bash
# `npm run test:ha`: the fault tests of issue 11 (`*.ha.test.ts`) on the three-node cluster of cdc/compose/ha.env:
# starts three KRaft nodes and two Connect workers (cdc.sh start --ha; a single node on the same ports must be
# stopped first), then SIGKILLs the CDC partition's leader, the active controller and the Connect worker running
# the task, each under 1,000 changes/s, and prints the latency table. About 5 minutes; not part of `npm test`
# (five more JVMs than one node on the CI machine's two cores). Extra arguments go to vitest.
set -euo pipefail
source "$(dirname "$0")/lib/bootstrap.sh"
cd "$repo_root"

export CDC_HA=1
ensure_npm_dependencies
start_cdc_runtime_for_this_run
node_modules/.bin/node node_modules/vitest/vitest.mjs run --project ha "$@"
