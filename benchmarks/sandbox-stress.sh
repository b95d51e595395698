#!/usr/bin/env bash
# Runs the core sandbox tests (attack corpus A-G) RUNS times in a row while two busy processes load the CPU, on the
# default JDK and on JDK 25 when it is there, and counts the failed runs. Not part of `./mvnw verify`: it takes long.
#
#   benchmarks/sandbox-stress.sh [RUNS]        (default 20; JDK25=/path/to/jdk to choose the second JDK)
set -uo pipefail
cd "$(dirname "$0")/.."

runs="${1:-20}"
jdk25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
tests='CpuAbuseTests,MemoryAbuseTests,HostEscapeTests,Vm2EscapeTests,LeakageTests,HostAccessPolicyTests,ModelMistakeTests,CommonMistakesTests,ConcurrentExecutionsTests,ErrorReportingTests,UncancellableWorkTests,ReplaceableBoundsTests'

load_pids=()
start_load() {
  for _ in 1 2; do (while :; do :; done) & load_pids+=($!); done
}
stop_load() {
  for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null; done
  load_pids=()
}
trap stop_load EXIT

./mvnw -B -ntp -q -pl codemode-core test-compile >/dev/null || { echo "build failed"; exit 1; }

run_all() {
  local label="$1"; shift
  local failed=0
  for i in $(seq 1 "$runs"); do
    if env "$@" ./mvnw -B -ntp -o -q -pl codemode-core surefire:test -Dtest="$tests" \
        -Dsurefire.failIfNoSpecifiedTests=false > "target/sandbox-stress-$label-$i.log" 2>&1; then
      echo "$label run $i: passed"
    else
      failed=$((failed + 1))
      echo "$label run $i: FAILED (target/sandbox-stress-$label-$i.log)"
    fi
  done
  echo "$label: $failed of $runs runs failed"
  return "$failed"
}

mkdir -p target
echo "sandbox stress: $runs runs per JDK of $tests, with two busy processes"
start_load
total=0
run_all jdk17 JAVA_HOME="${JAVA_HOME:-}" || total=$((total + $?))
if [ -x "$jdk25/bin/java" ]; then
  run_all jdk25 JAVA_HOME="$jdk25" || total=$((total + $?))
fi
stop_load
echo "sandbox stress: $total failed runs"
[ "$total" -eq 0 ]
