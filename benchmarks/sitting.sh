#!/usr/bin/env bash
# One sitting of every benchmark whose numbers the README's table needs (issue 16), on a quiet machine, with modest
# iteration counts (about 25 minutes on 2 cores), then a compact summary of the p50s. Not part of `./mvnw verify`.
#
#   benchmarks/sitting.sh
#
# Environment (all optional):
#   NO_BUILD=1            use the jar that is there instead of building it
#   JAVA=/path/bin/java   the JDK to measure (default: java on the PATH; JMH's forks use the same)
#   WI W I R              JMH warm-up iterations, their seconds, measurement iterations, their seconds (5 2 5 2)
#   SOAK_EXECUTIONS       executions of the soak per isolation mode (100000; 0 skips the soak)
#   FIRST_RUNS            new JVMs for each first-execution measurement (3)
#   SEED=0                skip the seed-like vm2 executor (it runs when node and npm are on the PATH)
#   SEED_DIR              where it is (default ../shared/bench/seed-like, from the checkout's root)
# Results: target/sitting-<time>/ (JMH JSON and logs); the summary is printed and kept there as summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

java="${JAVA:-java}"
wi="${WI:-5}" w="${W:-2}" i="${I:-5}" r="${R:-2}"
soak="${SOAK_EXECUTIONS:-100000}"
first_runs="${FIRST_RUNS:-3}"
jar=benchmarks/target/benchmarks.jar
out="target/sitting-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"

if [ "${NO_BUILD:-0}" != 1 ]; then
  ./mvnw -B -ntp -q -Pbenchmarks -pl benchmarks -am package -DskipTests
fi
{
  echo "# $(date -u +%FT%TZ) $("$java" -version 2>&1 | head -1), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# JMH -wi $wi -w $w -i $i -r $r -f 1"
} | tee "$out/summary.txt"

jmh() {
  local name="$1"; shift
  echo "== $name $*"
  "$java" -jar "$jar" "$@" -wi "$wi" -w "$w" -i "$i" -r "$r" -f 1 -rf json -rff "$out/$name.json" \
    > "$out/$name.log" 2>&1 || echo "!! $name failed: see $out/$name.log"
}

jmh floor 'FloorBenchmark'
jmh boot 'BootApplicationBenchmark'
jmh throughput 'ThroughputBenchmark'
jmh transpiler 'TranspilerBenchmark'
jmh isolation 'IsolationBenchmark'
jmh toolcall 'CodeModeBenchmark\.(noToolCall|tenSequentialToolCalls)$'
if [ "$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')" -ge 21 ]; then
  jmh starter 'StarterBenchmark'
else
  jmh starter 'StarterBenchmark' -p virtualThreads=false
fi

for transpiler in auto jvm; do
  for _ in $(seq 1 "$first_runs"); do
    "$java" -Xss4m -cp "$jar" dev.codemode.benchmarks.FirstExecution "$transpiler" 2>&1 | grep '^first-execution' \
      >> "$out/first-execution.txt" || echo "!! FirstExecution $transpiler failed"
  done
done
# The first execution after a Boot application reports readiness, where that benchmark exists.
if unzip -l "$jar" 'dev/codemode/benchmarks/FirstExecutionAfterReady.class' > /dev/null 2>&1; then
  for _ in $(seq 1 "$first_runs"); do
    "$java" -Xss4m -cp "$jar" dev.codemode.benchmarks.FirstExecutionAfterReady >> "$out/first-after-ready.txt" 2>&1 \
      || echo "!! FirstExecutionAfterReady failed"
  done
fi

if [ "$soak" -gt 0 ]; then
  for isolation in in-process process; do
    echo "== soak $isolation"
    "$java" -Xss4m -cp "$jar" dev.codemode.benchmarks.Soak "$soak" "$isolation" >> "$out/soak.txt" 2>&1 \
      || echo "!! soak $isolation failed"
  done
fi

seed_dir="${SEED_DIR:-../shared/bench/seed-like}"
if [ "${SEED:-1}" != 0 ] && [ ! -f "$seed_dir/bench-seed.mjs" ]; then
  echo "!! no seed-like executor at $seed_dir: set SEED_DIR"
elif [ "${SEED:-1}" != 0 ] && command -v node > /dev/null && command -v npm > /dev/null; then
  echo "== seed-like executor"
  seed="$(mktemp -d)"
  cp -r "$seed_dir/." "$seed"
  if (cd "$seed" && npm install --no-save --silent vm2@3.12.2 typescript@5.9.3 > /dev/null 2>&1); then
    (cd "$seed" && node bench-seed.mjs --n 2000) > "$out/seed.txt" 2>&1 || echo "!! seed-like executor failed"
  else
    echo "!! npm install of the seed-like executor failed"
  fi
  rm -rf "$seed"
fi

python3 - "$out" <<'PY' | tee -a "$out/summary.txt"
import glob, json, os, re, sys

out = sys.argv[1]
p50 = {}
for path in sorted(glob.glob(os.path.join(out, '*.json'))):
    try:
        runs = json.load(open(path))
    except ValueError:
        print(f'{os.path.basename(path)}: no results (the run failed or did not finish)')
        continue
    for run in runs:
        name = run['benchmark'].rsplit('.', 2)
        key = name[-2] + '.' + name[-1]
        if run.get('params'):
            key += '[' + ','.join(f'{k}={v}' for k, v in run['params'].items()) + ']'
        metric = run['primaryMetric']
        if run['mode'] == 'sample':
            p50[key] = metric['scorePercentiles']['50.0']
            print(f'{key:72} p50 {metric["scorePercentiles"]["50.0"]:9.3f} ms  p99 {metric["scorePercentiles"]["99.0"]:9.3f} ms')
        else:
            error = metric['scoreError']  # "NaN" with a single iteration
            error = f'{error:.1f}' if isinstance(error, (int, float)) else error
            print(f'{key:72} {metric["score"]:9.1f} ± {error} {metric["scoreUnit"]}')

f = {k.split('.', 1)[1]: v for k, v in p50.items() if k.startswith('FloorBenchmark.')}
if {'floor', 'floorWithRuntime', 'normalizeJs', 'normalizeTs', 'executorJs', 'callbackJs', 'callbackObservedJs'} <= f.keys():
    print('breakdown (differences of p50s, JavaScript):')
    rows = [('floor (fresh context, program, 2 tools)', f['floor']),
            ('context: sandbox runtime', f['floorWithRuntime'] - f['floor']),
            ('normalize (JS prepare)', f['normalizeJs']),
            ('transpile (TS prepare - JS prepare)', f['normalizeTs'] - f['normalizeJs']),
            ('bridge: executor - floorWithRuntime - normalize', f['executorJs'] - f['floorWithRuntime'] - f['normalizeJs']),
            ('result encoding: callback - executor', f['callbackJs'] - f['executorJs']),
            ('listeners and observation: observed - callback', f['callbackObservedJs'] - f['callbackJs'])]
    for label, value in rows:
        print(f'  {label:56} {value:8.3f} ms')
    print(f'  product over floor: callbackJs {f["callbackJs"]:.3f} ms / floor {f["floor"]:.3f} ms = '
          f'{(f["callbackJs"] / f["floor"] - 1) * 100:+.0f}%')

c = {k.split('.', 1)[1]: v for k, v in p50.items() if k.startswith('CodeModeBenchmark.')}
if {'noToolCall', 'tenSequentialToolCalls'} <= c.keys():
    print(f'one tool call: (ten - none) / 10 = {(c["tenSequentialToolCalls"] - c["noToolCall"]) / 10:.3f} ms')

seed = {}
for name in ('seed.txt', 'first-execution.txt', 'first-after-ready.txt', 'soak.txt'):
    path = os.path.join(out, name)
    if os.path.exists(path):
        for line in open(path):
            if line.startswith(('seed ', 'first', 'soak verdict')) or 'ready' in line:
                print(line.rstrip())
            m = re.match(r'seed (js|ts) n=\d+ p50_ms=([\d.]+)', line)
            if m:
                seed[m.group(1)] = float(m.group(2))
for lang, key in (('js', 'javaScriptTwoTools'), ('ts', 'typeScriptTwoTools')):
    ours = p50.get(f'BootApplicationBenchmark.{key}[isolation=in-process]')
    if lang in seed and ours:
        print(f'{lang}: Boot application {ours:.3f} ms vs seed-like {seed[lang]:.3f} ms = {seed[lang] / ours:.1f}x')
PY
