#!/usr/bin/env bash
# A/B of two loomscope server builds (a code change against its baseline) on GET /?delayMs=0&bytes=100 through one shared Vert.x upstream.
# Usage: it/bench/ab-builds.sh DIR_A DIR_B OUT_DIR   (each DIR holds a copy of server/target/loomscope-server.jar
#        and server/target/libs/, e.g. made with: cp -r server/target/loomscope-server.jar server/target/libs DIR)
# Needs: wrk, python3, it/bench/vertx-hop built (cd it/bench/vertx-hop && ../../../.ci/jdk mvn -B -q package).
# Prints per-round req/s and server CPU per request (utime+stime from /proc), then medians and B/A ratios.
# Knobs: ROUNDS=3 SECONDS_=15 CONNS=64 DELAY=0 WARM=20 EXTRA_A="" EXTRA_B="" SERVER_OPTS=-Xmx1g
#   RATE=N measures each round with loomscope-client at N requests/s (open loop, CONNS connections; needs
#   client/load/target/loomscope-client.jar) instead of wrk at saturation: the servers then work below capacity,
#   and their CPU per request depends less on how the load and the servers take turns on the cores.
set -euo pipefail
A=$1 B=$2 OUT=$3
ROUNDS=${ROUNDS:-3} SECS=${SECONDS_:-15} CONNS=${CONNS:-64} WARM=${WARM:-20}
SERVER_OPTS=${SERVER_OPTS:--Xmx1g} DELAY=${DELAY:-0}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAVA=$("$ROOT/.ci/jdk")/bin/java
UP=19500 PA=19510 PB=19520
mkdir -p "$OUT"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { for i in $(seq 600); do port_open "$1" && return 0; sleep 0.1; done; echo "no port $1" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)"

"$JAVA" -Xmx512m -cp "$ROOT/it/bench/vertx-hop/target/vertx-hop.jar" dev.loomscope.bench.Upstream $UP > "$OUT/upstream.log" 2>&1 &
PIDS+=($!); wait_port $UP
start() { # dir port name extra
  (cd "$OUT" && exec "$JAVA" $SERVER_OPTS $4 -Dserver.port=$2 -Dserver.sockets.0.port=$(($2 + 1)) \
     -Dapp.upstream.uri=http://127.0.0.1:$UP/upstream -Dapp.recording.file="$OUT/$3.jfr" \
     -jar "$1/loomscope-server.jar") > "$OUT/$3.log" 2>&1 &
  PIDS+=($!); eval "PID_$3=$!"; wait_port $2
}
start "$A" $PA A "${EXTRA_A:-}"
start "$B" $PB B "${EXTRA_B:-}"
URL_A="http://127.0.0.1:$PA/?delayMs=$DELAY&bytes=100" URL_B="http://127.0.0.1:$PB/?delayMs=$DELAY&bytes=100"
curl -si "$URL_A" > "$OUT/sample-A.json"; curl -si "$URL_B" > "$OUT/sample-B.json"
wrk -t2 -c$CONNS -d${WARM}s "$URL_A" > "$OUT/warm-A.txt"
wrk -t2 -c$CONNS -d${WARM}s "$URL_B" > "$OUT/warm-B.txt"
ticks() { awk '{print $14 + $15}' /proc/$1/stat; }
run() { # name round
  local pid url; eval "pid=\$PID_$1 url=\$URL_$1"
  local before after; before=$(ticks $pid)
  if [ "${RATE:-0}" -gt 0 ]; then
    "$JAVA" -jar "$ROOT/client/load/target/loomscope-client.jar" load "$url" --rate "$RATE" -c "$CONNS" \
      --duration "${SECS}s" --json > "$OUT/r$2-$1.json" 2> "$OUT/r$2-$1.log"
  else
    wrk -t2 -c$CONNS -d${SECS}s --latency "$url" > "$OUT/r$2-$1.txt"
  fi
  after=$(ticks $pid)
  python3 - "$OUT/r$2-$1" $((after - before)) $1 $2 <<'EOF' | tee -a "$OUT/results.tsv"
import json, os, re, sys
base = sys.argv[1]
if os.path.exists(base + ".json"):
    result = json.load(open(base + ".json"))
    rps, req = result["requestsPerSecond"], result["requests"]
    p50 = "%.2fms" % result["latencyMillis"]["p50"]
    p99 = "%.2fms" % result["latencyMillis"]["p99"]
    err = "errors %d, missed %d" % (result["errorCount"], result["missed"]) if result["errorCount"] or result["missed"] else ""
else:
    text = open(base + ".txt").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    req = int(re.search(r"(\d+) requests in", text).group(1))
    p50 = re.search(r"50%\s+(\S+)", text).group(1)
    p99 = re.search(r"99%\s+(\S+)", text).group(1)
    found = re.search(r"Socket errors.*|Non-2xx.*", text)
    err = found.group(0) if found else ""
cpu = int(sys.argv[2]) / 100 * 1e6 / req
print(f"{sys.argv[3]}\t{sys.argv[4]}\t{rps:.0f}\t{cpu:.1f}\t{p50}\t{p99}\t{err}")
EOF
}
echo -e "srv\tround\treq/s\tcpu_us/req\tp50\tp99\terrors" | tee "$OUT/results.tsv"
for r in $(seq $ROUNDS); do
  if (( r % 2 )); then run A $r; run B $r; else run B $r; run A $r; fi
done
python3 - "$OUT/results.tsv" <<'EOF'
import sys, statistics as st
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines()[1:]]
for s in "AB":
    r = [x for x in rows if x[0] == s]
    print(s, "median req/s", st.median(float(x[2]) for x in r), "median cpu us/req", st.median(float(x[3]) for x in r))
a = {x[1]: x for x in rows if x[0] == "A"}; b = {x[1]: x for x in rows if x[0] == "B"}
print("B/A req/s per round", [round(float(b[k][2]) / float(a[k][2]), 3) for k in sorted(a)])
print("B/A cpu per round", [round(float(b[k][3]) / float(a[k][3]), 3) for k in sorted(a)])
EOF
