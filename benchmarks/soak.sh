#!/usr/bin/env bash
# Heap and threads over many executions, in process and with process isolation: prints the heap after GC, the live
# threads and worker processes every STEP executions, and a verdict line per mode. Not part of `./mvnw verify`.
#
#   benchmarks/soak.sh [EXECUTIONS] [STEP]      (defaults 100000 and 10000; builds the jar unless NO_BUILD=1)
set -euo pipefail
cd "$(dirname "$0")/.."

executions="${1:-100000}"
step="${2:-10000}"
jar=benchmarks/target/benchmarks.jar

if [ "${NO_BUILD:-0}" != 1 ]; then
  ./mvnw -B -ntp -q -Pbenchmarks -pl benchmarks -am package -DskipTests
fi
for isolation in in-process process; do
  java -Xss4m -cp "$jar" dev.codemode.benchmarks.Soak "$executions" "$isolation" "$step"
done
