#!/usr/bin/env bash
# Benchmarks loomscope's hop (GET / -> blocking WebClient call -> shared upstream) with its JFR recording on and
# off against the same hop on an event loop (Vert.x 5, it/bench/vertx-hop), on loopback, in three scenarios:
#   S1  upstream delay   0 ms,   64 connections, 15 s
#   S2  upstream delay 100 ms, 1000 connections, 20 s   (Little's-law limit 10 000 req/s)
#   S3  upstream delay 100 ms, 5000 connections, 20 s   (limit 50 000 req/s)
# The three servers and the one upstream they all call start once and serve all scenarios. Before each scenario
# every server is warmed up with wrk until its throughput is steady (each process first at S1 for its JIT, then at
# the scenario's connection count; see warm_up), then RUNS rounds run; in a round every
# server is measured once, in an order that rotates from round to round, plus the other load generator against
# loomscope (recording on) at the same connection count. RSS and thread count of each server are sampled from /proc during the scenario. At the end a
# fresh loomscope with -Xmx512m runs S3 once more.
# With H2C=1 (the default) two more servers join S1 and S3: loomscope over h2c (its upstream calls too,
# client.protocol=h2c; recording on) and the Vert.x hop over h2c, both loaded with h2load at the same number of
# requests in flight as the HTTP/1.1 cells (S1: 4 connections x 16 streams, S3: 50 x 100), plus loomscope-client
# --protocol h2c against loomscope-h2c for its latency percentiles (h2load gives none). servers.tsv has each
# server's most upstream connections at once (ss), next to its RSS and threads.
#
# Usage:  it/bench/run-benchmarks.sh                 # everything, about 20-25 minutes
#         RUNS=1 SCENARIOS=S1 S1_SECONDS=5 WARMUP_JIT_MIN=10 WARMUP_JIT_MAX=10 SMALL_HEAP_CHECK=0 \
#           it/bench/run-benchmarks.sh                # a smoke run, about 2 minutes
#         RUNS=1 SCENARIOS="S1 S3" S1_SECONDS=3 S3_SECONDS=3 S3_CONNECTIONS=200 H2C_S3=2x100 WARMUP_JIT_MIN=5 \
#           WARMUP_JIT_MAX=5 WARMUP_MIN=5 WARMUP_MAX=5 LOADGEN_WARMUP=1 SMALL_HEAP_CHECK=0 SKIP_BUILD=1 \
#           it/bench/run-benchmarks.sh                # the h2c cells end to end at a tiny size, about 2 minutes
# Needs:  JDK 21+ (found by .ci/jdk), Maven, wrk (apt-get install -y wrk), python3, and with H2C=1 h2load
#         (apt-get install -y nghttp2-client) and ss (iproute2).
# Knobs (environment): RUNS=3  SCENARIOS="S1 S2 S3"  S1_SECONDS=15 S2_SECONDS=20 S3_SECONDS=20
#   WARMUP_JIT_MIN=30 WARMUP_JIT_MAX=45 (s of S1 load per server process first, for the JIT)
#   WARMUP_MIN=10 WARMUP_MAX=20 (s of load per server before each scenario, at its connection count)
#   DRIVER=wrk|loomscope (what loads the servers; the other one is the comparison)  LOADGEN_WARMUP=10
#   SERVER_OPTS="-Xmx1g"  LOOMSCOPE_OPTS=""  SMALL_HEAP_CHECK=1  SMALL_HEAP_OPTS=""  SKIP_BUILD=0
#   BASE_PORT=19000  OUT=dir
#   S1_CONNECTIONS=64 S2_CONNECTIONS=1000 S3_CONNECTIONS=5000 (smaller only for a smoke run of the script)
#   H2C=1  H2C_SCENARIOS="S1 S3"  H2C_S1=4x16  H2C_S3=50x100  (h2c connections x streams per connection)
#   TUNED_OPTS="-Dkey=value ..."  adds a fourth server to every round: loomscope with its recording on and these
#                                 options, to measure a tuning lever against the current settings in the same run
# Output: a results directory (printed at the start) with every raw log, results.tsv, servers.tsv and
#         summary.md, the tables docs/benchmarks.md quotes.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RUNS=${RUNS:-3}
SCENARIOS=${SCENARIOS:-"S1 S2 S3"}
WARMUP_JIT_MIN=${WARMUP_JIT_MIN:-30}   # S1-style load once per server process, for the JIT
WARMUP_JIT_MAX=${WARMUP_JIT_MAX:-45}
WARMUP_MIN=${WARMUP_MIN:-10}           # before each scenario, at its connection count
WARMUP_MAX=${WARMUP_MAX:-20}
SMALL_HEAP_OPTS=${SMALL_HEAP_OPTS:-}
DRIVER=${DRIVER:-wrk}
LOADGEN_WARMUP=${LOADGEN_WARMUP:-10}
SERVER_OPTS=${SERVER_OPTS:--Xmx1g}
LOOMSCOPE_OPTS=${LOOMSCOPE_OPTS:-}
TUNED_OPTS=${TUNED_OPTS:-}
H2C=${H2C:-1}
H2C_SCENARIOS=${H2C_SCENARIOS:-"S1 S3"}
H2C_S1=${H2C_S1:-4x16}
H2C_S2=${H2C_S2:-10x100}
H2C_S3=${H2C_S3:-50x100}
SMALL_HEAP_CHECK=${SMALL_HEAP_CHECK:-1}
SKIP_BUILD=${SKIP_BUILD:-0}
BASE_PORT=${BASE_PORT:-19000}
OUT=${OUT:-${TMPDIR:-/tmp}/loomscope-bench-$(date +%Y%m%d-%H%M%S)}
# No loop below runs longer than this, whatever happens.
LOOP_LIMIT_SECONDS=600

UPSTREAM_PORT=$BASE_PORT
declare -A PORT=([loomscope-rec]=$((BASE_PORT + 10)) [loomscope-norec]=$((BASE_PORT + 20)) [vertx]=$((BASE_PORT + 30))
                 [loomscope-512m]=$((BASE_PORT + 40)) [loomscope-tuned]=$((BASE_PORT + 50))
                 [loomscope-h2c]=$((BASE_PORT + 60)) [vertx-h2c]=$((BASE_PORT + 70)))
SERVERS=(loomscope-rec loomscope-norec vertx)
[[ -n $TUNED_OPTS ]] && SERVERS+=(loomscope-tuned)
[[ $H2C == 1 ]] && SERVERS+=(loomscope-h2c vertx-h2c)

die() { echo "run-benchmarks: $*" >&2; exit 1; }

command -v wrk >/dev/null || die "wrk is not installed: apt-get update && apt-get install -y wrk"
command -v python3 >/dev/null || die "python3 is needed to read the results"
[[ $DRIVER == wrk || $DRIVER == loomscope ]] || die "DRIVER must be wrk or loomscope, was $DRIVER"
if [[ $H2C == 1 ]]; then
  command -v h2load >/dev/null || die "h2load is not installed: apt-get install -y nghttp2-client (or H2C=0)"
  command -v ss >/dev/null || die "ss is not installed: apt-get install -y iproute2 (or H2C=0)"
fi
JAVA_HOME=$("$ROOT/.ci/jdk") || die "no JDK 21+ found"
JAVA=$JAVA_HOME/bin/java

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
echo "run-benchmarks: results in $OUT"

# --- processes: every one started here is stopped on exit --------------------------------------------------------
PIDS=()
stop_pid() { # TERM, up to 15 s for a graceful stop (loomscope writes its recording), then KILL
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 150; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do stop_pid "$pid" & done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { # port pid name
  local i
  for ((i = 0; i < 600; i++)); do
    port_open "$1" && return 0
    kill -0 "$2" 2>/dev/null || die "$3 exited before listening on $1, see its log in $OUT"
    sleep 0.1
  done
  die "$3 did not listen on $1 within 60 s"
}

# --- build, then run private copies so that concurrent rebuilds of the tree cannot change what runs -------------
if [[ $SKIP_BUILD != 1 ]]; then
  echo "run-benchmarks: building loomscope and the Vert.x hop"
  (cd "$ROOT" && .ci/jdk mvn -B -q -pl server,client -am install -DskipTests) > "$OUT/build.log" 2>&1 \
    || die "loomscope build failed, see $OUT/build.log"
  (cd "$HERE/vertx-hop" && "$ROOT/.ci/jdk" mvn -B -q package) >> "$OUT/build.log" 2>&1 \
    || die "vertx-hop build failed, see $OUT/build.log"
fi
DIST=$OUT/dist
mkdir -p "$DIST"/{server,client,vertx}
cp -r "$ROOT/server/target/loomscope-server.jar" "$ROOT/server/target/libs" "$DIST/server/"
cp -r "$ROOT/client/load/target/loomscope-client.jar" "$ROOT/client/load/target/libs" "$DIST/client/"
cp -r "$HERE/vertx-hop/target/vertx-hop.jar" "$HERE/vertx-hop/target/libs" "$DIST/vertx/"

# 5000 client + 5000 server + 5000 upstream sockets: raise the soft fd limit to the hard one.
ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) >= 16384 )) || echo "run-benchmarks: warning: fd limit $(ulimit -n) is low for S3" >&2

# --- the machine ----------------------------------------------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
  echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "kernel: $(uname -r)"
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  [[ $H2C == 1 ]] && echo "h2load: $(h2load --version 2>&1 | head -1)"
  echo "somaxconn: $(cat /proc/sys/net/core/somaxconn), fd limit: $(ulimit -n)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "git: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)$(cd "$ROOT" && git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "runs: $RUNS, driver: $DRIVER, server options: $SERVER_OPTS $LOOMSCOPE_OPTS"
  [[ -n $TUNED_OPTS ]] && echo "loomscope-tuned: recording on + $TUNED_OPTS"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"

# --- servers --------------------------------------------------------------------------------------------------
declare -A PID_OF
start_upstream() {
  "$JAVA" $SERVER_OPTS -cp "$DIST/vertx/vertx-hop.jar" dev.loomscope.bench.Upstream "$UPSTREAM_PORT" \
    > "$OUT/$1-upstream.log" 2>&1 &
  PID_OF[upstream]=$!; PIDS+=($!)
  wait_port "$UPSTREAM_PORT" $! upstream
}

start_server() { # scenario name [extra JVM options...]
  local scenario=$1 name=$2 port=${PORT[$2]} pid
  shift 2
  port_open "$port" && die "port $port is already in use; set BASE_PORT"
  case $name in
    vertx|vertx-h2c)
      local protocol=""
      [[ $name == vertx-h2c ]] && protocol=h2c
      "$JAVA" $SERVER_OPTS "$@" -jar "$DIST/vertx/vertx-hop.jar" "$port" "http://127.0.0.1:$UPSTREAM_PORT/upstream" \
        $protocol > "$OUT/$scenario-$name.log" 2>&1 & ;;
    loomscope-*)
      local recording=true tuned=""
      [[ $name == loomscope-norec ]] && recording=false
      [[ $name == loomscope-tuned ]] && tuned=$TUNED_OPTS
      [[ $name == loomscope-h2c ]] && tuned="-Dclient.protocol=h2c"
      (cd "$OUT" && exec "$JAVA" $SERVER_OPTS $LOOMSCOPE_OPTS $tuned "$@" \
        -Dserver.port="$port" -Dserver.sockets.0.port=$((port + 1)) \
        -Dapp.upstream.uri="http://127.0.0.1:$UPSTREAM_PORT/upstream" \
        -Dapp.recording.enabled=$recording -Dapp.recording.file="$OUT/$scenario-$name.jfr" \
        -jar "$DIST/server/loomscope-server.jar") > "$OUT/$scenario-$name.log" 2>&1 & ;;
  esac
  pid=$!
  PID_OF[$name]=$pid; PIDS+=($pid)
  wait_port "$port" "$pid" "$name"
}

stop_scenario() {
  local name
  for name in "${!PID_OF[@]}"; do stop_pid "${PID_OF[$name]}" & done
  wait
  PID_OF=()
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# Samples RSS and thread count of a process every 0.5 s until STOP_FILE exists or the process ends; keeps the maxima.
# Also the most TCP connections the process had open to the upstream at once (ss, by owning pid).
sample_process() { # pid file stop_file
  local pid=$1 file=$2 stop=$3 rss=0 threads=0 upstream=0 r t u deadline=$((SECONDS + LOOP_LIMIT_SECONDS * 2))
  echo "0 0 0" > "$file"
  while [[ ! -e $stop ]] && kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    read -r r t < <(awk '/^VmRSS:/ {r = $2} /^Threads:/ {t = $2} END {print int(r / 1024), t + 0}' "/proc/$pid/status" 2>/dev/null || echo "0 0")
    u=$(ss -tnpH state established "( dport = :$UPSTREAM_PORT )" 2>/dev/null | grep -c "pid=$pid," || true)
    ((r > rss)) && rss=$r
    ((t > threads)) && threads=$t
    ((u > upstream)) && upstream=$u
    echo "$rss $threads $upstream" > "$file"
    sleep 0.5
  done
}

# --- load ------------------------------------------------------------------------------------------------------
# load DRIVER URL CONNECTIONS SECONDS LOG: runs one load; the log is what the driver printed.
load() {
  local driver=$1 url=$2 connections=$3 seconds=$4 log=$5
  if [[ $driver == wrk ]]; then
    timeout $((seconds + 60)) wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency "$url" > "$log" 2>&1 || true
  elif [[ $driver == h2load ]]; then
    # CONNECTIONS requests in flight as h2c streams: H2C_<scenario> connections x streams.
    timeout $((seconds + 60)) h2load -c "$H2C_CONNS" -m "$H2C_STREAMS" -D "$seconds" -T 10 "$url" > "$log" 2>&1 || true
  elif [[ $driver == loomscope-h2c ]]; then
    timeout $((seconds + LOADGEN_WARMUP + 60)) "$JAVA" -Xmx1g -jar "$DIST/client/loomscope-client.jar" load "$url" \
      --protocol h2c -c "$H2C_CONNS" --streams "$H2C_STREAMS" -d "${seconds}s" -w "${LOADGEN_WARMUP}s" --json \
      > "$log" 2> "$log.progress" || true
  else
    timeout $((seconds + LOADGEN_WARMUP + 60)) "$JAVA" -Xmx1g -jar "$DIST/client/loomscope-client.jar" load "$url" \
      -c "$connections" -d "${seconds}s" -w "${LOADGEN_WARMUP}s" --json > "$log" 2> "$log.progress" || true
  fi
}

# measure SCENARIO ROUND SERVER DRIVER URL CONNECTIONS SECONDS: one measured run, appended to results.tsv.
measure() {
  local scenario=$1 round=$2 server=$3 driver=$4 url=$5 connections=$6 seconds=$7
  local log="$OUT/$scenario-r$round-$server-$driver.txt" pid=${PID_OF[$server]} before after
  before=$(cpu_ticks "$pid")
  load "$driver" "$url" "$connections" "$seconds" "$log"
  after=$(cpu_ticks "$pid")
  python3 "$HERE/bench.py" row "$driver" "$log" "$scenario" "$round" "$server" $((after - before)) \
    "$(getconf CLK_TCK)" "$(cut -d' ' -f1 /proc/loadavg)" >> "$OUT/results.tsv"
  tail -1 "$OUT/results.tsv" | awk -F'\t' '{printf "  %-3s round %s  %-16s %-9s %9s req/s  p50 %8s ms  p99 %8s ms  errors %s  server CPU %s us/req\n", $1, $2, $3, $4, $5, $6, $7, $8, $10}'
}

other_driver() { [[ $DRIVER == wrk ]] && echo loomscope || echo wrk; }

# Loads a server with wrk in steps for at least MIN seconds and until three steps in a row are within 10% of each
# other, at most MAX seconds. A busy machine compiles slowly: two slow steps in a row look steady too. Steps are
# 5 s, 10 s at 5000 connections, whose first seconds go to connecting (SYN retries past the accept backlog).
warm_up() { # scenario server url connections min_seconds max_seconds
  local a=0 b=0 rps step size=$(($4 >= 5000 ? 10 : 5)) steps min_steps driver
  steps=$(($6 / size)) min_steps=$(($5 / size)) driver=$(driver_of "$2")
  for ((step = 1; step <= steps; step++)); do
    load "$driver" "$3" "$4" "$size" "$OUT/$1-warmup-$2-$step.txt"
    rps=$(awk '/Requests\/sec/ {printf "%d", $2} /^finished in/ {printf "%d", $4}' "$OUT/$1-warmup-$2-$step.txt")
    rps=${rps:-0}
    if ((step >= min_steps && step >= 3 && rps > 0 && a > 0 && b > 0)) \
        && within_tenth "$rps" "$b" && within_tenth "$rps" "$a" && within_tenth "$a" "$b"; then
      break
    fi
    a=$b b=$rps
  done
  echo "  warmed $2 up at $4 connections for $(((step > steps ? steps : step) * size)) s (last step $rps req/s)"
}
# h2c servers are loaded over h2c by h2load; the others by $DRIVER.
driver_of() { [[ $1 == *-h2c ]] && echo h2load || echo "$DRIVER"; }
# Whether SERVER takes part in SCENARIO: the h2c servers only in H2C_SCENARIOS.
takes_part() { [[ $1 != *-h2c ]] || [[ " $H2C_SCENARIOS " == *" $2 "* ]]; }
within_tenth() { (($1 * 10 >= $2 * 9 && $1 * 10 <= $2 * 11)); }

scenario_settings() { # sets DELAY CONNECTIONS DURATION for $1
  case $1 in
    S1) DELAY=0;   CONNECTIONS=${S1_CONNECTIONS:-64};   DURATION=${S1_SECONDS:-15} ;;
    S2) DELAY=100; CONNECTIONS=${S2_CONNECTIONS:-1000}; DURATION=${S2_SECONDS:-20} ;;
    S3) DELAY=100; CONNECTIONS=${S3_CONNECTIONS:-5000}; DURATION=${S3_SECONDS:-20} ;;
    *) die "unknown scenario $1 (S1, S2, S3)" ;;
  esac
  local shape="H2C_$1"
  H2C_CONNS=${!shape%x*} H2C_STREAMS=${!shape#*x}
  (( H2C_CONNS * H2C_STREAMS == CONNECTIONS )) || [[ $H2C != 1 ]] \
    || echo "run-benchmarks: warning: $shape=${!shape} is not $CONNECTIONS requests in flight" >&2
}

hop_url() { echo "http://127.0.0.1:${PORT[$1]}/?delayMs=$2&bytes=100"; }

printf 'scenario\tround\tserver\tdriver\trps\tp50_ms\tp99_ms\terrors\trequests\tcpu_us_per_req\tload_avg\n' > "$OUT/results.tsv"
printf 'scenario\tserver\tpeak_rss_mb\tmax_threads\tmax_upstream_conns\n' > "$OUT/servers.tsv"

start_upstream all
for server in "${SERVERS[@]}"; do
  start_server all "$server"
done

echo "run-benchmarks: JIT warm-up at S1 load"
scenario_settings S1
for server in "${SERVERS[@]}"; do
  warm_up jit "$server" "$(hop_url "$server" 0)" 64 "$WARMUP_JIT_MIN" "$WARMUP_JIT_MAX"
done
for scenario in $SCENARIOS; do
  scenario_settings "$scenario"
  echo "run-benchmarks: $scenario: delay ${DELAY} ms, $CONNECTIONS connections, ${DURATION} s x $RUNS rounds"
  for server in "${SERVERS[@]}"; do
    takes_part "$server" "$scenario" || continue
    warm_up "$scenario" "$server" "$(hop_url "$server" "$DELAY")" "$CONNECTIONS" "$WARMUP_MIN" "$WARMUP_MAX"
  done
  rm -f "$OUT/$scenario.stop"
  for server in "${SERVERS[@]}"; do
    sample_process "${PID_OF[$server]}" "$OUT/$scenario-$server.proc" "$OUT/$scenario.stop" &
    PIDS+=($!)
  done
  for ((round = 1; round <= RUNS; round++)); do
    for ((i = 0; i < ${#SERVERS[@]}; i++)); do
      server=${SERVERS[$(((i + round - 1) % ${#SERVERS[@]}))]}
      takes_part "$server" "$scenario" || continue
      measure "$scenario" "$round" "$server" "$(driver_of "$server")" "$(hop_url "$server" "$DELAY")" \
        "$CONNECTIONS" "$DURATION"
    done
    measure "$scenario" "$round" loomscope-rec "$(other_driver)" "$(hop_url loomscope-rec "$DELAY")" \
      "$CONNECTIONS" "$DURATION"
    if takes_part loomscope-h2c "$scenario" && [[ $H2C == 1 ]]; then
      measure "$scenario" "$round" loomscope-h2c loomscope-h2c "$(hop_url loomscope-h2c "$DELAY")" \
        "$CONNECTIONS" "$DURATION"
    fi
  done
  touch "$OUT/$scenario.stop"
  sleep 1
  for server in "${SERVERS[@]}"; do
    takes_part "$server" "$scenario" || continue
    read -r rss threads upstream < "$OUT/$scenario-$server.proc"
    printf '%s\t%s\t%s\t%s\t%s\n' "$scenario" "$server" "$rss" "$threads" "$upstream" >> "$OUT/servers.tsv"
  done
done
stop_scenario

if [[ $SMALL_HEAP_CHECK == 1 ]]; then
  scenario_settings S3
  echo "run-benchmarks: S3 with -Xmx512m for loomscope (recording on)"
  start_upstream S3-512m
  SERVER_OPTS_SAVED=$SERVER_OPTS
  SERVER_OPTS="-Xmx512m"
  start_server S3-512m loomscope-512m $SMALL_HEAP_OPTS "-Xlog:gc:file=$OUT/S3-512m-gc.log"
  SERVER_OPTS=$SERVER_OPTS_SAVED
  url=$(hop_url loomscope-512m "$DELAY")
  warm_up S3-512m-jit loomscope-512m "$(hop_url loomscope-512m 0)" 64 "$WARMUP_JIT_MIN" "$WARMUP_JIT_MAX"
  warm_up S3-512m loomscope-512m "$url" "$CONNECTIONS" "$WARMUP_MIN" "$WARMUP_MAX"
  rm -f "$OUT/S3-512m.stop"
  sample_process "${PID_OF[loomscope-512m]}" "$OUT/S3-512m-loomscope-512m.proc" "$OUT/S3-512m.stop" &
  PIDS+=($!)
  measure S3-512m 1 loomscope-512m "$DRIVER" "$url" "$CONNECTIONS" "$DURATION"
  touch "$OUT/S3-512m.stop"
  sleep 1
  read -r rss threads upstream < "$OUT/S3-512m-loomscope-512m.proc"
  printf '%s\t%s\t%s\t%s\t%s\n' S3-512m loomscope-512m "$rss" "$threads" "$upstream" >> "$OUT/servers.tsv"
  stop_scenario
fi

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
python3 "$HERE/bench.py" summary "$OUT" > "$OUT/summary.md"
cat "$OUT/summary.md"
echo "run-benchmarks: raw logs, results.tsv, servers.tsv and summary.md are in $OUT"
