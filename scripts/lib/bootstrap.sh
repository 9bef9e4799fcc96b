# Sourced by the npm entry scripts: brings a fresh clone to the point where the project's own Node runs.
# Installs npm dependencies when they are missing or older than package-lock.json.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export PATH="$repo_root/node_modules/.bin:$PATH"
# Turborepo would otherwise try to report usage to a server this machine cannot reach.
export TURBO_TELEMETRY_DISABLED=1

ensure_npm_dependencies() {
  local stamp="$repo_root/node_modules/.package-lock.json"
  if [[ ! -f $stamp || $repo_root/package-lock.json -nt $stamp ]]; then
    echo "[setup] installing npm dependencies (npm ci)…"
    (cd "$repo_root" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  local version
  version=$("$repo_root/node_modules/.bin/node" --version)
  [[ $version == v24.* ]] || { echo "[setup] expected the project's Node 24, got $version" >&2; exit 1; }
}

# Runs a TypeScript entry point on the project's Node 24 (the machine's own Node may be older).
run_ts() {
  "$repo_root/node_modules/.bin/node" --import tsx "$@"
}
