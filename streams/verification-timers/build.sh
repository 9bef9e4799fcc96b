#!/usr/bin/env bash
# Builds the verification-timers app into a runnable classpath: target/classes + target/lib/*.
#
#   build.sh          compile and copy the dependencies, tests skipped; does nothing when pom.xml and
#                     src/main are unchanged since the last build (target/.built holds their hash)
#   build.sh --test   the same with the Surefire tests, always run; prints their summary, exits 1 on failure
#
# Needs Java 17+ and Maven. npm start and npm test call it; run.sh calls it before starting the app.
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TARGET="$DIR/target"
STAMP="$TARGET/.built"
MVN_LOG="$TARGET/mvn.log"
log() { printf '[timers] %s\n' "$*"; }

with_tests=0
case "${1:-}" in
  --test) with_tests=1 ;;
  "") ;;
  *) echo "usage: build.sh [--test]" >&2; exit 2 ;;
esac

sources_hash() {
  (cd "$DIR" && find pom.xml src/main -type f -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

is_built() {
  [[ -f $STAMP && "$(cat "$STAMP")" == "$(sources_hash)" ]] || return 1
  [[ -f $TARGET/classes/kr/petcare/timers/Main.class ]] && compgen -G "$TARGET/lib/kafka-streams-*.jar" >/dev/null
}

mkdir -p "$TARGET"
# Two runs at once (npm test beside a launcher) must not build into the same target/ together.
exec 8>"$TARGET/.build.lock"
flock -w 600 8 || { log "another build holds $TARGET/.build.lock"; exit 1; }

if (( ! with_tests )) && is_built; then
  exit 0
fi
command -v mvn >/dev/null 2>&1 || { log "Maven (mvn) is needed to build streams/verification-timers"; exit 1; }
t0=$(date +%s)
rm -f "$STAMP"
rm -rf "$TARGET/surefire-reports"
args=(-B -ntp -f "$DIR/pom.xml" package)
(( with_tests )) || args+=(-DskipTests)
log "building streams/verification-timers (mvn ${args[*]:4})"
if ! mvn "${args[@]}" >"$MVN_LOG" 2>&1; then
  if (( with_tests )) && compgen -G "$TARGET/surefire-reports/*.txt" >/dev/null; then
    grep -h -E '^Tests run:|<<< (FAILURE|ERROR)' "$TARGET"/surefire-reports/*.txt | sed 's/^/[timers] /'
    grep -E '^\[ERROR\] (Tests run:|  )' "$MVN_LOG" | sed 's/^/[timers] /' || true
  else
    tail -n 40 "$MVN_LOG" >&2
  fi
  log "build failed (full Maven output: ${MVN_LOG#"$DIR"/})"
  exit 1
fi
if (( with_tests )); then
  grep -E '^\[INFO\] Tests run: .* -- in ' "$MVN_LOG" | sed -E 's/^\[INFO\] /[timers]   /; s/ -- in kr\.petcare\.timers\./  /'
  grep -E '^\[INFO\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$MVN_LOG" | tail -n 1 | sed 's/^\[INFO\] /[timers] Surefire: /'
fi
sources_hash >"$STAMP"
log "built in $(( $(date +%s) - t0 ))s: target/classes + target/lib ($(ls "$TARGET/lib" | wc -l) jars)"
