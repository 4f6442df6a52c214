#!/usr/bin/env bash
# Compares the load generator with wrk on one loomscope server: same target, same connections, alternating runs;
# for each run the rate and the driver's CPU per request, which a shared machine disturbs much less than the rate.
#   G   /upstream?bytes=64 (loomscope answers itself, no hop): the client is the bottleneck
#   S1  / with delayMs=0: the hop, to loomscope's own /upstream as its upstream (no third process)
# wrk's CPU is user + system of its whole run (/usr/bin/time); the generator's is read from /proc/PID/stat when the
# warm-up's last progress line appears and again one second before the end, and divided by the answers of the
# progress lines in between, so that its JVM start, JIT and warm-up are not counted.
#
# Usage:  it/bench/generator-vs-wrk.sh [CLIENT_DIR...]  each CLIENT_DIR holds a loomscope-client.jar and its libs/
#                                                       (default client/load/target; build it first); several
#                                                       builds (before and after a change) share the rounds
#                                                       with wrk, named gen1, gen2, ... in that order
# Knobs:  SCENARIOS="G S1" ROUNDS=3 SECONDS_PER_RUN=10 GEN_WARMUP=5 WRK_WARMUP=5 CONNECTIONS=64 PORT=19130
#         GEN_OPTS="-Xmx1g" (the generator's JVM)  SERVER_OPTS="-Xmx1g"  OUT=dir
# Output: one line per run and OUT/runs.tsv (scenario round driver req/s cpu_us_per_req load_avg).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
(($# > 0)) || set -- "$ROOT/client/load/target"
SCENARIOS=${SCENARIOS:-"G S1"}
ROUNDS=${ROUNDS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
GEN_WARMUP=${GEN_WARMUP:-5}
WRK_WARMUP=${WRK_WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-19130}
GEN_OPTS=${GEN_OPTS:--Xmx1g}
SERVER_OPTS=${SERVER_OPTS:--Xmx1g}
OUT=${OUT:-${TMPDIR:-/tmp}/generator-vs-wrk-$(date +%Y%m%d-%H%M%S)}
JAVA=$("$ROOT/.ci/jdk")/bin/java
TICK=$(getconf CLK_TCK)

die() { echo "generator-vs-wrk: $*" >&2; exit 1; }
command -v wrk >/dev/null || die "wrk is not installed: apt-get install -y wrk"
[[ -f $ROOT/server/target/loomscope-server.jar ]] || die "no server/target/loomscope-server.jar: package it first"
mkdir -p "$OUT/server"
cp -r "$ROOT/server/target/loomscope-server.jar" "$ROOT/server/target/libs" "$OUT/server/"
DRIVERS=(wrk)
n=0
for dir in "$@"; do
  [[ -f $dir/loomscope-client.jar ]] || die "no loomscope-client.jar in $dir"
  n=$((n + 1))
  mkdir -p "$OUT/gen$n"
  cp -r "$dir/loomscope-client.jar" "$dir/libs" "$OUT/gen$n/"
  echo "gen$n: $(cd "$dir" && pwd)" >> "$OUT/drivers.txt"
  DRIVERS+=("gen$n")
done

SERVER_PID=
trap '[[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null || true' EXIT
(cd "$OUT" && exec "$JAVA" $SERVER_OPTS -Dserver.port="$PORT" -Dserver.sockets.0.port=$((PORT + 1)) \
   -Dapp.upstream.uri="http://127.0.0.1:$PORT/upstream" -Dapp.recording.enabled=false \
   -jar "$OUT/server/loomscope-server.jar") > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
for ((i = 0; i < 600; i++)); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited, see $OUT/server.log"
  sleep 0.1
done

url_of() { case $1 in G) echo "http://127.0.0.1:$PORT/upstream?bytes=64" ;; S1) echo "http://127.0.0.1:$PORT/?delayMs=0&bytes=100" ;;
           *) die "unknown scenario $1 (G, S1)" ;; esac; }

run_wrk() { # url log
  /usr/bin/time -o "$2.cpu" -f "%U %S" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --timeout 10s "$1" > "$2" 2>&1
  local rps requests cpu
  rps=$(awk '/Requests\/sec/ {print $2}' "$2")
  requests=$(awk '/requests in/ {print $1}' "$2")
  cpu=$(awk '{print $1 + $2}' "$2.cpu")
  echo "$rps $(awk -v c="$cpu" -v n="$requests" 'BEGIN {printf "%.2f", c * 1e6 / n}')"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

run_generator() { # url log driver
  local pid first=$GEN_WARMUP last=$((GEN_WARMUP + SECONDS_PER_RUN - 1)) cpu0= cpu1= lines i
  "$JAVA" $GEN_OPTS -jar "$OUT/$3/loomscope-client.jar" load "$1" -c "$CONNECTIONS" -d "${SECONDS_PER_RUN}s" \
    -w "${GEN_WARMUP}s" --json > "$2" 2> "$2.progress" &
  pid=$!
  for ((i = 0; i < (GEN_WARMUP + SECONDS_PER_RUN + 30) * 50; i++)); do
    lines=$(grep -c 'req/s' "$2.progress" 2>/dev/null || true)
    if [[ -z $cpu0 ]] && ((lines >= first)); then cpu0=$(cpu_ticks "$pid"); fi
    if [[ -n $cpu0 ]] && ((lines >= last)); then cpu1=$(cpu_ticks "$pid"); break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  wait "$pid" || true
  [[ -n $cpu1 ]] || { echo "nan nan"; return; }
  local answers rps
  # Lines first+1 .. last, each about one second: the answers between the two CPU readings.
  answers=$(grep 'req/s' "$2.progress" | awk -v a="$first" -v b="$last" 'NR > a && NR <= b {n += $2} END {print n}')
  rps=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().splitlines()[-1])["requestsPerSecond"])' "$2")
  echo "$rps $(awk -v t=$((cpu1 - cpu0)) -v k="$TICK" -v n="$answers" 'BEGIN {printf "%.2f", t / k * 1e6 / n}')"
}

printf 'scenario\tround\tdriver\trps\tcpu_us_per_req\tload_avg\n' > "$OUT/runs.tsv"
echo "generator-vs-wrk: $OUT, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for scenario in $SCENARIOS; do
  url=$(url_of "$scenario")
  wrk -t2 -c"$CONNECTIONS" -d"${WRK_WARMUP}s" "$url" > "$OUT/$scenario-warmup.txt" 2>&1
  for ((round = 1; round <= ROUNDS; round++)); do
    # The order rotates from round to round, so that no driver always runs first or last.
    order=()
    for ((i = 0; i < ${#DRIVERS[@]}; i++)); do order+=("${DRIVERS[$(((i + round - 1) % ${#DRIVERS[@]}))]}"); done
    for driver in "${order[@]}"; do
      log="$OUT/$scenario-r$round-$driver.txt"
      read -r rps cpu < <(if [[ $driver == wrk ]]; then run_wrk "$url" "$log"; else run_generator "$url" "$log" "$driver"; fi)
      load=$(cut -d' ' -f1 /proc/loadavg)
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$scenario" "$round" "$driver" "$rps" "$cpu" "$load" >> "$OUT/runs.tsv"
      printf '  %-3s round %s  %-9s %10s req/s  %7s us CPU/req  load %s\n' "$scenario" "$round" "$driver" "$rps" "$cpu" "$load"
    done
  done
done
echo "generator-vs-wrk: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$OUT/drivers.txt"
# Medians over the rounds, and each generator's rate over wrk's within a round.
awk -F'\t' 'NR > 1 {rps[$1" "$3] = rps[$1" "$3] " " $4; cpu[$1" "$3] = cpu[$1" "$3] " " $5}
  END {for (k in rps) print k, "req/s:" rps[k], " CPU us/req:" cpu[k]}' "$OUT/runs.tsv" | sort
