#!/usr/bin/env bash
# Counted per-request cost of loomscope's GET / and of the bare Helidon hop under one short bounded load, each alone:
# bytes allocated, JFR events, recorder slices (mounts) per request, and server CPU per request from /proc.
# Counts do not depend on how busy the machine is, which CPU per request does; use them on a shared machine. The
# CPU column is rough even on a quiet one (WARM is short for the JIT): take CPU from ab-builds.sh or run-benchmarks.sh.
# Usage: it/bench/per-request-cost.sh OUT_DIR [LOOMSCOPE_DIR]
#   LOOMSCOPE_DIR holds loomscope-server.jar and libs/ (default server/target). Needs wrk, python3, and
#   it/bench/vertx-hop, it/bench/bare-helidon-hop and jfr/agent built (see ab-builds.sh).
# Servers: loomscope (its recording on, the default), loomscope-off (the same with the mount recorder off: the
#   documented -Dloomscope.agent.test.runMethod=recorderOffForBenchmark), bare (no agent, no recording), bare-agent
#   (the bare hop with -javaagent:loomscope-agent.jar, for its slices only: its CPU includes the recorder).
# Knobs: CONNS=16 SECONDS_=10 WARM=10 SERVERS="loomscope bare bare-agent" SERVER_OPTS=-Xmx1g DELAY=0 BYTES=100
#   PROFILE=1 adds CPU samples every 10 ms and allocation samples to the window, for `jfr view hot-methods` and
#   `jfr view allocation-by-site` of NAME-cost.jfr; its counts and CPU then include that sampling.
# Per server: OUT_DIR/NAME-cost.jfr (the measured window only), NAME-cost.txt (per-request counts), NAME-wrk.txt.
set -euo pipefail
OUT=$1
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LOOMSCOPE=${2:-$ROOT/server/target}
CONNS=${CONNS:-16} SECS=${SECONDS_:-10} WARM=${WARM:-10} DELAY=${DELAY:-0} BYTES=${BYTES:-100}
SERVERS=${SERVERS:-loomscope bare bare-agent} SERVER_OPTS=${SERVER_OPTS:--Xmx1g}
JDK=$("$ROOT/.ci/jdk" sh -c 'dirname "$(dirname "$(command -v java)")"')
JAVA=$JDK/bin/java JCMD=$JDK/bin/jcmd
UP=19600 PORT=19610
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { for _ in $(seq 600); do port_open "$1" && return 0; sleep 0.1; done; echo "no port $1" >&2; exit 1; }
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# The measured window's own settings: per-thread allocated bytes at its start and end, and the recorder's slices
# (loomscope's own recording adds its events to this one while both run).
cat > "$OUT/cost.jfc" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="per-request cost">
  <event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting><setting name="period">everyChunk</setting></event>
  <event name="loomscope.VirtualThreadSlice"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
</configuration>
EOF
if [[ ${PROFILE:-0} == 1 ]]; then
  sed -i 's|</configuration>|  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">10 ms</setting><setting name="stackTrace">true</setting></event>\n  <event name="jdk.ObjectAllocationSample"><setting name="enabled">true</setting><setting name="throttle">1000/s</setting><setting name="stackTrace">true</setting></event>\n</configuration>|' "$OUT/cost.jfc"
fi

"$JAVA" -Xmx512m -cp "$ROOT/it/bench/vertx-hop/target/vertx-hop.jar" dev.loomscope.bench.Upstream $UP \
  > "$OUT/upstream.log" 2>&1 &
PIDS+=($!); wait_port $UP
URL="http://127.0.0.1:$PORT/?delayMs=$DELAY&bytes=$BYTES"
BARE=$ROOT/it/bench/bare-helidon-hop/target/bare-helidon-hop.jar
for name in $SERVERS; do
  case $name in
    loomscope|loomscope-off)
      extra=""; [[ $name == loomscope-off ]] && extra=-Dloomscope.agent.test.runMethod=recorderOffForBenchmark
      (cd "$OUT" && exec "$JAVA" $SERVER_OPTS $extra -Dserver.port=$PORT -Dserver.sockets.0.port=$((PORT + 1)) \
         -Dapp.upstream.uri=http://127.0.0.1:$UP/upstream -Dapp.recording.file="$OUT/loomscope.jfr" \
         -jar "$LOOMSCOPE/loomscope-server.jar") > "$OUT/$name.log" 2>&1 & ;;
    bare)
      "$JAVA" $SERVER_OPTS -Dserver.port=$PORT -Dapp.upstream.uri=http://127.0.0.1:$UP/upstream -jar "$BARE" \
        > "$OUT/$name.log" 2>&1 & ;;
    bare-agent)
      "$JAVA" $SERVER_OPTS -javaagent:"$ROOT/jfr/agent/target/loomscope-agent.jar" -Dserver.port=$PORT \
        -Dapp.upstream.uri=http://127.0.0.1:$UP/upstream -jar "$BARE" > "$OUT/$name.log" 2>&1 & ;;
    *) echo "unknown server $name" >&2; exit 2 ;;
  esac
  pid=$!; PIDS+=($pid); wait_port $PORT
  curl -s "$URL" > "$OUT/$name-sample.json"
  wrk -t2 -c"$CONNS" -d"${WARM}s" "$URL" > "$OUT/$name-warm.txt"
  "$JCMD" $pid JFR.start name=cost settings="$OUT/cost.jfc" > /dev/null
  before=$(ticks $pid)
  wrk -t2 -c"$CONNS" -d"${SECS}s" "$URL" > "$OUT/$name-wrk.txt"
  after=$(ticks $pid)
  "$JCMD" $pid JFR.stop name=cost filename="$OUT/$name-cost.jfr" > /dev/null
  requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$OUT/$name-wrk.txt")
  {
    echo "server	$name"
    echo "load	$(cat /proc/loadavg)"
    python3 -c "import sys; r=int(sys.argv[2]); print(f'req_per_s\t{r/float(sys.argv[3]):.0f}'); print(f'cpu_us_per_request\t{int(sys.argv[1])/100*1e6/r:.1f}')" \
      $((after - before)) "$requests" "$SECS"
    "$JAVA" "$ROOT/it/bench/PerRequestCost.java" "$OUT/$name-cost.jfr" "$requests"
  } | tee "$OUT/$name-cost.txt"
  kill -TERM $pid; wait $pid 2>/dev/null || true
done
