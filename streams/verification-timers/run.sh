#!/usr/bin/env bash
# Runs the verification-timers app in the foreground, building it first when its sources changed.
# The JVM replaces this shell (exec), so it keeps this process's pid and receives its signals directly:
# SIGTERM/SIGINT close Kafka Streams cleanly, SIGKILL is a crash. Configuration: environment variables
# (README.md), e.g.  KAFKA_BROKERS=127.0.0.1:9092 bash streams/verification-timers/run.sh
set -euo pipefail
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$DIR/build.sh"
java="${TIMERS_JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/java}}"
# RocksDB keeps its memory off-heap; the heap holds little more than the clients' buffers.
# shellcheck disable=SC2086  # TIMERS_JAVA_OPTS is a word list on purpose
exec "${java:-java}" ${TIMERS_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError} \
  -cp "$DIR/target/classes:$DIR/target/lib/*" kr.petcare.timers.Main
