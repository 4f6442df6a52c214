#!/usr/bin/env bash
# Times the whole `loomscope-jfr report` through loomscope's own reader against the same analysis fed by the JDK's
# jdk.jfr.consumer.RecordingFile (-Dloomscope.jfr.reader=own|jdk), with full JIT and with C1 only
# (-XX:TieredStopAtLevel=1), ROUNDS rounds (default 3) that take the four in turn; prints a markdown table of every
# run and the medians, and checks that both readers gave the same JSON report (but for the reader fields).
#
# Without RECORDING it first records the real server: server/target/loomscope-server.jar on port 18090 under
# `wrk -t2 -c64` on / (each request makes a self-call: ServerRequest x2, ClientCall, slices, wake-ups) for
# LOAD_SECONDS (default 60), then SIGTERM; the recording is kept in $OUT (default /tmp/reader-speed).
# Usage (from the repository root):
#   .ci/jdk mvn -B -q -o package -DskipTests -pl server,jfr/analyser -am && jfr/analyser/bench/reader-speed.sh
#   RECORDING=/tmp/foreign-rec/big1.jfr ROUNDS=3 jfr/analyser/bench/reader-speed.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
jdk=$("$root/.ci/jdk")
out=${OUT:-/tmp/reader-speed}
mkdir -p "$out"
# A copy, so that a rebuild during the runs cannot change the jar under them.
rm -rf "$out/libs"
cp -r "$root/jfr/analyser/target/loomscope-jfr.jar" "$root/jfr/analyser/target/libs" "$out/"
jar="$out/loomscope-jfr.jar"
millis() { date +%s%3N; }

recording=${RECORDING:-}
if [ -z "$recording" ]; then
  command -v wrk >/dev/null || { echo "reader-speed: wrk is needed to record the server (or give RECORDING)" >&2; exit 2; }
  recording="$out/server-$(date +%H%M%S).jfr"
  "$jdk/bin/java" -Dserver.port=18090 -Dserver.sockets.0.port=18091 -Dapp.recording.file="$recording" \
      -jar "$root/server/target/loomscope-server.jar" >"$out/server.log" 2>&1 &
  server=$!
  trap 'kill "$server" 2>/dev/null || true' EXIT
  until curl -fs -o /dev/null http://127.0.0.1:18090/; do sleep 0.5; done
  wrk -t2 -c64 -d"${LOAD_SECONDS:-60}s" http://127.0.0.1:18090/ >"$out/wrk.log"
  kill -TERM "$server"
  wait "$server" || true
  trap - EXIT
fi
echo "recording: $recording, $(du -m "$recording" | cut -f1) MB" >&2

declare -A wall cpu rss
run() { # run NAME JAVA-OPTIONS...: one whole `report` run (`check`, with limits that pass, for names check-*)
  local name=$1 t
  shift
  local command=(report --format json)
  [[ $name == check-* ]] && command=(check --max-pinned 1000000000 --max-pinned-time 1000000s --max-submit-failures 1000000000)
  t=$(millis)
  /usr/bin/time -f '%U %M' -o "$out/time" "$jdk/bin/java" "$@" -jar "$jar" "${command[@]}" "$recording" \
      >"$out/$name.json" 2>"$out/err" || { cat "$out/err" >&2; exit 1; }
  wall[$name]+="$(( $(millis) - t )) "
  read -r c r < <(tail -1 "$out/time")
  cpu[$name]+="$c "
  rss[$name]+="$(( r / 1024 )) "
}
median() { printf '%s\n' $1 | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for _ in $(seq "${ROUNDS:-3}"); do
  run own -Dloomscope.jfr.reader=own
  run jdk -Dloomscope.jfr.reader=jdk
  run own-c1 -Dloomscope.jfr.reader=own -XX:TieredStopAtLevel=1
  run jdk-c1 -Dloomscope.jfr.reader=jdk -XX:TieredStopAtLevel=1
  run check-own -Dloomscope.jfr.reader=own
  run check-jdk -Dloomscope.jfr.reader=jdk
done
same() { # same A B: whether the two JSON reports are equal once the reader fields are set aside
  python3 - "$out/$1.json" "$out/$2.json" <<'PY'
import json, sys
def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in ("reader", "readerNote")}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node
a, b = (strip(json.load(open(f))) for f in sys.argv[1:3])
print("yes" if a == b else "NO")
PY
}
echo "| \`report\` through | JIT | wall runs (ms) | wall median (ms) | user CPU runs (s) | user CPU median (s) | peak RSS median (MB) |"
echo "|---|---|---|---|---|---|---|"
for name in own jdk own-c1 jdk-c1 check-own check-jdk; do
  reader=${name%-c1}; reader=${reader#check-}; [ "$reader" = own ] && label="loomscope's own" || label="JDK RecordingFile"
  [[ $name == *-c1 ]] && jit="C1 only" || jit="C1+C2"
  [[ $name == check-* ]] && label="\`check\`: $label"
  echo "| $label | $jit | ${wall[$name]}| **$(median "${wall[$name]}")** | ${cpu[$name]}| **$(median "${cpu[$name]}")** | **$(median "${rss[$name]}")** |"
done
echo
ratio() { awk "BEGIN {printf \"%.2f\", $(median "$1") / $(median "$2")}"; }
echo "JDK ÷ own, user CPU: report $(ratio "${cpu[jdk]}" "${cpu[own]}")x, C1 only $(ratio "${cpu[jdk-c1]}" "${cpu[own-c1]}")x," \
     "check $(ratio "${cpu[check-jdk]}" "${cpu[check-own]}")x; wall: report $(ratio "${wall[jdk]}" "${wall[own]}")x," \
     "C1 only $(ratio "${wall[jdk-c1]}" "${wall[own-c1]}")x, check $(ratio "${wall[check-jdk]}" "${wall[check-own]}")x"
echo "own ÷ jdk wall, C1+C2: $(awk "BEGIN {printf \"%.2f\", $(median "${wall[jdk]}") / $(median "${wall[own]}")}")x faster;" \
     "C1 only: $(awk "BEGIN {printf \"%.2f\", $(median "${wall[jdk-c1]}") / $(median "${wall[own-c1]}")}")x faster"
echo "same report from both readers: $(same own jdk) (C1 only: $(same own-c1 jdk-c1); check: $(cmp -s "$out/check-own.json" "$out/check-jdk.json" && echo yes || echo NO));" \
     "$(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg), $("$jdk/bin/java" -version 2>&1 | head -1)"
