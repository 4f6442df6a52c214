#!/usr/bin/env bash
# Soak: the packaged server, calling a separate upstream process, under CONNECTIONS keep-alive connections for
# DURATION. Passes when the load saw zero errors and only 200s, the server's RSS stayed flat after warm-up, and no
# virtual thread loomscope started (loomscope-*) was left alive once the load had stopped.
#
# Usage (from the repository root, after .ci/jdk mvn -B -o install -DskipTests):
#   it/soak.sh                                   # 10 minutes at 1000 connections
#   DURATION=30s CONNECTIONS=200 it/soak.sh      # a smoke run
# Settings (environment): DURATION (10m), CONNECTIONS (1000), DELAY_MS (20, upstream delay per request),
#   WARMUP (60s: load before the measured DURATION, not counted; a cold JVM hit by 1000 connections at once
#   answers in seconds for its first half-minute, see docs/soak.md),
#   SAMPLE_SECONDS (10), SERVER_HEAP (512m: -Xmx of the server, so heap growth cannot pass for a leak or hide one),
#   SERVER_OPTS (more JVM options for the server, e.g. -Dclient.connection-cache-size=2048),
#   RSS_GROWTH_LIMIT (1.10: last quarter's mean RSS / second quarter's), OUT (output directory).
# Output in OUT (default it/target/soak-<UTC time>): summary.md (ready for docs/), samples.csv, load.json,
#   report.json (loomscope-jfr report), server-threads-after.json, and every process's stdout/stderr.
# Exit 0 when every check passed, 1 when one failed, 2 when the soak could not run.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
DURATION=${DURATION:-10m}
CONNECTIONS=${CONNECTIONS:-1000}
DELAY_MS=${DELAY_MS:-20}
WARMUP=${WARMUP:-60s}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-10}
SERVER_HEAP=${SERVER_HEAP:-512m}
RSS_GROWTH_LIMIT=${RSS_GROWTH_LIMIT:-1.10}
OUT=${OUT:-$ROOT/it/target/soak-$(date -u +%Y%m%dT%H%M%SZ)}

fail() { echo "soak: $*" >&2; exit 2; }

JAVA_HOME=$(.ci/jdk) || fail "no JDK 21+ (see .ci/jdk)"
JAVA=$JAVA_HOME/bin/java
JCMD=$JAVA_HOME/bin/jcmd
SERVER_JAR=$ROOT/server/target/loomscope-server.jar
CLIENT_JAR=$ROOT/client/load/target/loomscope-client.jar
JFR_JAR=$ROOT/jfr/analyser/target/loomscope-jfr.jar
for jar in "$SERVER_JAR" "$CLIENT_JAR" "$JFR_JAR"; do
  [ -f "$jar" ] || fail "$jar is missing; build first: .ci/jdk mvn -B -o install -DskipTests"
done
command -v jq >/dev/null || fail "jq is needed to read the JSON results (apt-get install jq)"
mkdir -p "$OUT"

PIDS=()
cleanup() { # every process this script started, also when it fails or is interrupted
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

# start_server NAME ARGS... : starts a server, waits for its banner and health; sets PID, PORT, ADMIN
start_server() {
  local name=$1; shift
  "$JAVA" -Dserver.port=0 -Dserver.sockets.0.port=0 "$@" -jar "$SERVER_JAR" \
    >"$OUT/$name.stdout.log" 2>"$OUT/$name.stderr.log" </dev/null &
  PID=$!
  PIDS+=("$PID")
  local deadline=$((SECONDS + 60))
  until grep -q '/observe/health' "$OUT/$name.stdout.log" 2>/dev/null; do
    kill -0 "$PID" 2>/dev/null || fail "$name exited during start-up; see $OUT/$name.*.log"
    [ $SECONDS -lt $deadline ] || fail "$name printed no banner within 60 s"
    sleep 0.2
  done
  PORT=$(sed -n 's|^loomscope is up on http://localhost:\([0-9]*\).*|\1|p' "$OUT/$name.stdout.log")
  ADMIN=$(sed -n 's|.*curl -s http://127.0.0.1:\([0-9]*\)/observe/health.*|\1|p' "$OUT/$name.stdout.log")
  until curl -sf -o /dev/null "http://127.0.0.1:$ADMIN/observe/health"; do
    [ $SECONDS -lt $deadline ] || fail "$name not healthy within 60 s"
    sleep 0.2
  done
}

metric() { # metric NAME: a base metric of the server, from the Prometheus text on the admin port
  curl -sf -H 'Accept: text/plain' "http://127.0.0.1:$SERVER_ADMIN/observe/metrics" \
    | awk -v name="$1" '$1 ~ "^"name"[{ ]" {print $2; exit}'
}

start_server upstream -Dapp.recording.enabled=false
UPSTREAM_PORT=$PORT
# -Xms = -Xmx with AlwaysPreTouch: the heap is committed and touched at start, so RSS growth during the run is
# memory outside the heap, not G1 growing its committed heap toward -Xmx (which looked like a 1.24x "leak").
start_server server -Xms"$SERVER_HEAP" -Xmx"$SERVER_HEAP" -XX:+AlwaysPreTouch ${SERVER_OPTS:-} -Dapp.recording.file="$OUT/server.jfr" -Dapp.upstream.uri="http://127.0.0.1:$UPSTREAM_PORT/upstream"
SERVER_PID=$PID SERVER_PORT=$PORT SERVER_ADMIN=$ADMIN
echo "soak: server pid $SERVER_PID on $SERVER_PORT, upstream on $UPSTREAM_PORT; $CONNECTIONS connections, $WARMUP warm-up then $DURATION measured; output in $OUT"

"$JAVA" -jar "$CLIENT_JAR" load "http://127.0.0.1:$SERVER_PORT/?delayMs=$DELAY_MS" \
  --connections "$CONNECTIONS" --duration "$DURATION" --warmup "$WARMUP" --json >"$OUT/load.json" 2>"$OUT/load-progress.log" &
LOAD_PID=$!
PIDS+=("$LOAD_PID")

echo "seconds,rss_kb,heap_used_bytes,threads,vthreads" >"$OUT/samples.csv"
START=$SECONDS
while kill -0 "$LOAD_PID" 2>/dev/null; do
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$SERVER_PID/status")
  echo "$((SECONDS - START)),$rss,$(metric memory_usedHeap_bytes),$(metric thread_count),$(metric vthreads_count)" >>"$OUT/samples.csv"
  for _ in $(seq 1 "$SAMPLE_SECONDS"); do kill -0 "$LOAD_PID" 2>/dev/null || break; sleep 1; done
done
wait "$LOAD_PID" || fail "the load generator failed; see $OUT/load-progress.log"

# The load generator has exited, so its connections are closed; what loomscope started must be gone.
"$JCMD" "$SERVER_PID" Thread.dump_to_file -format=json "$OUT/server-threads-after.json" >/dev/null
LEAKED=$(jq '[.threadDump.threadContainers[].threads[] | select(.name | startswith("loomscope-"))] | length' \
  "$OUT/server-threads-after.json")

kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || true
"$JAVA" -jar "$JFR_JAR" report --format json "$OUT/server.jfr" >"$OUT/report.json" 2>"$OUT/report.err" \
  || fail "loomscope-jfr report failed; see $OUT/report.err"

REQUESTS=$(jq '.requests' "$OUT/load.json")
RPS=$(jq '.requestsPerSecond' "$OUT/load.json")
ERRORS=$(jq '.errorCount' "$OUT/load.json")
NON_200=$(jq '[.statusCounts | to_entries[] | select(.key != "200") | .value] | add // 0' "$OUT/load.json")
P99=$(jq '.latencyMillis.p99' "$OUT/load.json")
ALIVE_AT_END=$(jq '.combined.virtualThreads.loomscopeAliveAtEnd // "n/a"' "$OUT/report.json")
PINNED=$(jq '.combined.pinning.count // "n/a"' "$OUT/report.json")
PEAK=$(jq '.combined.requests.peakInFlight // "n/a"' "$OUT/report.json")
# RSS: mean of the second quarter (warmed up) against the mean of the last quarter.
read -r RSS_Q2 RSS_Q4 RSS_MAX < <(awk -F, 'NR > 1 {rss[n++] = $2}
  END {
    if (n < 4) { print 0, 0, 0; exit }
    q = int(n / 4); for (i = q; i < 2 * q; i++) a += rss[i]; for (i = n - q; i < n; i++) b += rss[i]
    for (i = 0; i < n; i++) if (rss[i] > m) m = rss[i]
    printf "%d %d %d\n", a / q, b / q, m
  }' "$OUT/samples.csv")
RSS_FLAT=$(awk -v a="$RSS_Q2" -v b="$RSS_Q4" -v limit="$RSS_GROWTH_LIMIT" \
  'BEGIN { if (a == 0) print "unknown (too few samples)"; else if (b <= a * limit) print "yes"; else print "no" }')

verdict=pass
[ "$ERRORS" = 0 ] && [ "$NON_200" = 0 ] || verdict=fail
[ "$RSS_FLAT" = yes ] || verdict=fail
[ "$LEAKED" = 0 ] && [ "$ALIVE_AT_END" = 0 ] || verdict=fail

cat >"$OUT/summary.md" <<EOF
# Soak: $CONNECTIONS connections, $WARMUP warm-up then $DURATION measured ($(date -u +%Y-%m-%d), $("$JAVA" -version 2>&1 | head -n 1))

Server (-Xmx$SERVER_HEAP) calling a separate upstream process (\`/?delayMs=$DELAY_MS\`), $(nproc) CPUs.
Verdict: **$verdict**.

| check | result |
|---|---|
| requests answered | $REQUESTS ($RPS/s, p99 $P99 ms) |
| errors / non-200 answers | $ERRORS / $NON_200 |
| server RSS, mean of 2nd quarter -> last quarter (max) | $((RSS_Q2 / 1024)) MiB -> $((RSS_Q4 / 1024)) MiB ($((RSS_MAX / 1024)) MiB); flat within ${RSS_GROWTH_LIMIT}x: $RSS_FLAT |
| loomscope-* threads alive after the load (thread dump) | $LEAKED |
| loomscope-* threads alive at the end of the recording | $ALIVE_AT_END |
| peak requests in flight (recording) | $PEAK |
| pins of 1 ms or more (recording) | $PINNED |

Samples every ${SAMPLE_SECONDS}s in samples.csv; the load generator's JSON in load.json; the analyser's in report.json.
EOF
cat "$OUT/summary.md"
[ "$verdict" = pass ]
