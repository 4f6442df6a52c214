#!/usr/bin/env bash
# What one slice and one wake-up of the mount recorder cost, alone: CPU per hand-off of two virtual threads on one
# carrier (it/bench/Handoff.java), each JVM recording with loomscope.jfc, in alternating JVMs:
#   none      no agent
#   off       the agent with the recorder off (-Dloomscope.agent.test.runMethod=recorderOffForBenchmark)
#   slices    the agent, wake-up events disabled in the settings
#   wakeups   the agent, slice events disabled
#   on        the agent as it ships
# Usage (from the repository root, after .ci/jdk mvn -B -q -o install -DskipTests):
#   it/bench/handoff-cost.sh OUT_DIR
# Knobs: JVMS=5 (JVMs per configuration) HANDOFFS=600000 ROUNDS=5 (the last 3 of each JVM count) ALLOC=1000
# Prints each JVM's median over its last 3 rounds, then per configuration the median over JVMs and its difference
# from "off": the recorder's cost per hand-off (one slice and one wake-up).
set -euo pipefail
OUT=$1
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAVA=$("$ROOT/.ci/jdk")/bin/java
AGENT=$ROOT/jfr/agent/target/loomscope-agent.jar
JFC=$ROOT/jfr/events/src/main/resources/loomscope.jfc
JVMS=${JVMS:-5} HANDOFFS=${HANDOFFS:-600000} ROUNDS=${ROUNDS:-5} ALLOC=${ALLOC:-1000}
[ -f "$AGENT" ] || { echo "handoff-cost: build first: .ci/jdk mvn -B -q -o install -DskipTests" >&2; exit 2; }
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
# Settings with one of the recorder's two event types disabled.
python3 - "$JFC" "$OUT" <<'PY'
import sys
jfc, out = sys.argv[1], sys.argv[2]
text = open(jfc).read()
def disabled(name):
    on = '<event name="%s">\n    <setting name="enabled">true</setting>' % name
    assert on in text, name
    return text.replace(on, on.replace('true', 'false'))
open(out + '/slices.jfc', 'w').write(disabled('loomscope.VirtualThreadWakeup'))
open(out + '/wakeups.jfc', 'w').write(disabled('loomscope.VirtualThreadSlice'))
PY
CONFIGS="none off slices wakeups on"
: > "$OUT/runs.txt"
for jvm in $(seq "$JVMS"); do
  for config in $CONFIGS; do
    settings=$JFC agent="-javaagent:$AGENT"
    case $config in
      none) agent="" ;;
      off) agent="$agent -Dloomscope.agent.test.runMethod=recorderOffForBenchmark" ;;
      slices|wakeups) settings=$OUT/$config.jfc ;;
    esac
    # shellcheck disable=SC2086
    "$JAVA" $agent -Djdk.virtualThreadScheduler.parallelism=1 \
      "-XX:StartFlightRecording=settings=$settings,filename=$OUT/$config.jfr" \
      "$ROOT/it/bench/Handoff.java" "$HANDOFFS" "$ROUNDS" "$ALLOC" > "$OUT/$config-$jvm.txt" 2>&1
    ns=$(grep '^round' "$OUT/$config-$jvm.txt" | tail -3 | awk '{print $3}' | sort -n | sed -n 2p)
    echo "$config $jvm $ns" | tee -a "$OUT/runs.txt"
  done
done
python3 - "$OUT/runs.txt" $CONFIGS <<'PY'
import sys, statistics
runs = [line.split() for line in open(sys.argv[1])]
medians = {c: statistics.median(float(ns) for name, _, ns in runs if name == c) for c in sys.argv[2:]}
print("\n| configuration | CPU ns per hand-off, median of JVMs (each its rounds' median) | minus off |")
print("|---|---|---|")
for c in sys.argv[2:]:
    print("| %s | %.0f (%s) | %+.0f |" % (c, medians[c], " ".join(ns for name, _, ns in runs if name == c),
                                        medians[c] - medians["off"]))
PY
