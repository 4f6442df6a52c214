#!/usr/bin/env bash
# Benchmarks loomscope's hop (GET / -> blocking upstream call -> shared upstream, JFR recording on) against two
# references on loopback, in the same alternating rounds, with the same JVM options and heap:
#   vertx         the hop on an event loop: Vert.x 5 with its default event-loop count (it/bench/vertx-hop)
#   bare-helidon  the hop as a bare Helidon 4.5 handler that only calls WebClient (it/bench/bare-helidon-hop),
#                 with loomscope's server and client settings where they are not what is compared
#   loomscope     java -jar server/target/loomscope-server.jar, recording on (the default)
# All three call one shared upstream (a Vert.x server answering after a timer, class Upstream in vertx-hop).
# Scenarios:
#   S1  upstream delay   0 ms,   64 connections, 15 s   (CPU bound)
#   S2  upstream delay 100 ms, 1000 connections, 20 s   (Little's-law limit 10 000 req/s)
#   S3  upstream delay 100 ms, 5000 connections, 20 s   (limit 50 000 req/s)
#   G   the load generators alone: wrk and loomscope-client on loomscope's /upstream?bytes=64, 64 connections,
#       where the client is the bottleneck
# Every server is warmed up with wrk until its throughput is steady (first at S1 for the JIT, then at each
# scenario's connection count), then ROUNDS rounds run; in a round every server is measured once, in an order that
# rotates from round to round, then loomscope-client drives loomscope at the same target and connection count
# (GENERATOR=1), to compare it with wrk. Ratios are taken within a round and reported as median and range.
# With H2C=1 (the default) two more servers join S1 and S3 (H2C_SCENARIOS): loomscope-h2c, loomscope with its
# upstream calls over h2c too (client.protocol=h2c), and vertx-h2c, the Vert.x hop with an h2c client; both are loaded
# over h2c by h2load at the same requests in flight as the HTTP/1.1 cells (S1: 4 connections x 16 streams, S3: 50 x
# 100), and loomscope-client --protocol h2c drives loomscope-h2c for its latency percentiles (h2load gives none).
# servers.tsv also has each server's most TCP connections to the upstream at once (ss, by owning pid).
# Server CPU per request is utime + stime of the server pid (/proc/PID/stat) over a run divided by wrk's requests;
# peak RSS and threads are sampled from /proc/PID/status every 0.5 s.
#
# Usage:  it/bench/run-benchmarks.sh                 # everything, about 30 minutes on 2 cores
#         ROUNDS=1 CELL_SECONDS=3 S3_SECONDS=10 WARMUP_JIT_MIN=3 WARMUP_JIT_MAX=3 WARMUP_MIN=3 WARMUP_MAX=3 LOADGEN_WARMUP=2 \
#           SMALL_HEAP_CHECK=0 it/bench/run-benchmarks.sh      # a smoke run that proves the script, a few minutes
#         SCENARIOS="S1 S3" H2C_S3=2x100 ROUNDS=1 CELL_SECONDS=3 S3_SECONDS=10 WARMUP_JIT_MIN=3 WARMUP_JIT_MAX=3 \
#           WARMUP_MIN=3 WARMUP_MAX=3 LOADGEN_WARMUP=2 SMALL_HEAP_CHECK=0 GENERATOR=0 RESULTS_DOC= \
#           it/bench/run-benchmarks.sh      # the h2c cells end to end at a small size (S3 h2c: 200 in flight)
# Needs:  JDK 21+ (found by .ci/jdk), Maven, python3, wrk, and with H2C=1 h2load (nghttp2-client) and ss (iproute2),
#         each installed with apt-get when missing and run as root.
# Knobs (environment): ROUNDS=3 (RUNS is the old name)  SCENARIOS="S1 S2 S3 G"
#   S1_SECONDS=15 S2_SECONDS=20 S3_SECONDS=20 G_SECONDS=15; CELL_SECONDS=N for those not set (connecting 5000
#   connections takes seconds on a busy machine: an S3 cell under 10 s may complete no request at all)
#   WARMUP_JIT_MIN=30 WARMUP_JIT_MAX=45 (s of S1 load per server process first, for the JIT)
#   WARMUP_MIN=10 WARMUP_MAX=20 (s of load per server before each scenario, at its connection count)
#   GENERATOR=1 (loomscope-client against loomscope in every round)  LOADGEN_WARMUP=10 (s, its own JVM)
#   SERVER_OPTS="-Xmx1g" (every server, the same)  HELIDON_OPTS="-Dserver.max-tcp-connections=8192" (both Helidon
#   servers: their default of 4096 would leave 904 of S3's 5000 connections unserved in the backlog; Vert.x has no
#   such limit)  LOOMSCOPE_OPTS=""  SMALL_HEAP_CHECK=1  SMALL_HEAP_OPTS=""
#   SKIP_BUILD=0  MVN_FLAGS="" (e.g. -o)  BASE_PORT=19000  OUT=dir
#   RESULTS_DOC=docs/benchmark-results.md (the summary is written there too; empty: not written)
#   H2C=1  H2C_SCENARIOS="S1 S3"  H2C_S1=4x16 H2C_S2=10x100 H2C_S3=50x100 (h2c connections x streams each)
#   TUNED_OPTS="-Dkey=value ..."  adds a fourth server to every round: loomscope with these options, to measure a
#                                 lever against the current settings in the same run
# Output: a results directory (printed at the start) with every raw log, results.tsv, servers.tsv and summary.md;
#         summary.md is also written to RESULTS_DOC, which docs/benchmarks.md links to.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ROUNDS=${ROUNDS:-${RUNS:-3}}
SCENARIOS=${SCENARIOS:-"S1 S2 S3 G"}
CELL_SECONDS=${CELL_SECONDS:-}
WARMUP_JIT_MIN=${WARMUP_JIT_MIN:-30}
WARMUP_JIT_MAX=${WARMUP_JIT_MAX:-45}
WARMUP_MIN=${WARMUP_MIN:-10}
WARMUP_MAX=${WARMUP_MAX:-20}
GENERATOR=${GENERATOR:-1}
LOADGEN_WARMUP=${LOADGEN_WARMUP:-10}
SERVER_OPTS=${SERVER_OPTS:--Xmx1g}
HELIDON_OPTS=${HELIDON_OPTS:--Dserver.max-tcp-connections=8192}
LOOMSCOPE_OPTS=${LOOMSCOPE_OPTS:-}
TUNED_OPTS=${TUNED_OPTS:-}
H2C=${H2C:-1}
H2C_SCENARIOS=${H2C_SCENARIOS:-"S1 S3"}
H2C_S1=${H2C_S1:-4x16}
H2C_S2=${H2C_S2:-10x100}
H2C_S3=${H2C_S3:-50x100}
SMALL_HEAP_CHECK=${SMALL_HEAP_CHECK:-1}
SMALL_HEAP_OPTS=${SMALL_HEAP_OPTS:-}
SKIP_BUILD=${SKIP_BUILD:-0}
MVN_FLAGS=${MVN_FLAGS:-}
BASE_PORT=${BASE_PORT:-19000}
RESULTS_DOC=${RESULTS_DOC-$ROOT/docs/benchmark-results.md}
OUT=${OUT:-${TMPDIR:-/tmp}/loomscope-bench-$(date +%Y%m%d-%H%M%S)}
# No loop below runs longer than this, whatever happens.
LOOP_LIMIT_SECONDS=600

UPSTREAM_PORT=$BASE_PORT
declare -A PORT=([vertx]=$((BASE_PORT + 10)) [bare-helidon]=$((BASE_PORT + 20)) [loomscope]=$((BASE_PORT + 30))
                 [loomscope-tuned]=$((BASE_PORT + 40)) [loomscope-512m]=$((BASE_PORT + 50))
                 [loomscope-h2c]=$((BASE_PORT + 60)) [vertx-h2c]=$((BASE_PORT + 70)))
SERVERS=(vertx bare-helidon loomscope)
[[ -n $TUNED_OPTS ]] && SERVERS+=(loomscope-tuned)
[[ $H2C == 1 ]] && SERVERS+=(loomscope-h2c vertx-h2c)

die() { echo "run-benchmarks: $*" >&2; exit 1; }

need() { # command package: installs the Debian package when the command is missing (as root), else stops
  command -v "$1" >/dev/null && return 0
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "run-benchmarks: installing $2 with apt-get"
    { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2"; } > /dev/null \
      || die "apt-get install $2 failed"
  else
    die "$1 is not installed: apt-get update && apt-get install -y $2"
  fi
}
need wrk wrk
if [[ $H2C == 1 ]]; then
  need h2load nghttp2-client
  need ss iproute2
fi
command -v python3 >/dev/null || die "python3 is needed to read the results"
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
HELIDON_VERSION=$(sed -n 's:.*<version.helidon>\(.*\)</version.helidon>.*:\1:p' "$ROOT/pom.xml" | head -1)
[[ -n $HELIDON_VERSION ]] || die "no <version.helidon> in $ROOT/pom.xml"
if [[ $SKIP_BUILD != 1 ]]; then
  echo "run-benchmarks: building loomscope, the Vert.x hop and the bare Helidon hop (Helidon $HELIDON_VERSION)"
  (cd "$ROOT" && .ci/jdk mvn -B -q $MVN_FLAGS -pl server,client/load -am package -DskipTests) > "$OUT/build.log" 2>&1 \
    || die "loomscope build failed, see $OUT/build.log"
  (cd "$HERE/vertx-hop" && "$ROOT/.ci/jdk" mvn -B -q $MVN_FLAGS package) >> "$OUT/build.log" 2>&1 \
    || die "vertx-hop build failed, see $OUT/build.log"
  (cd "$HERE/bare-helidon-hop" && "$ROOT/.ci/jdk" mvn -B -q $MVN_FLAGS package -Dversion.helidon="$HELIDON_VERSION") \
    >> "$OUT/build.log" 2>&1 || die "bare-helidon-hop build failed, see $OUT/build.log"
fi
DIST=$OUT/dist
mkdir -p "$DIST"/{server,client,vertx,bare}
cp -r "$ROOT/server/target/loomscope-server.jar" "$ROOT/server/target/libs" "$DIST/server/"
cp -r "$ROOT/client/load/target/loomscope-client.jar" "$ROOT/client/load/target/libs" "$DIST/client/"
cp -r "$HERE/vertx-hop/target/vertx-hop.jar" "$HERE/vertx-hop/target/libs" "$DIST/vertx/"
cp -r "$HERE/bare-helidon-hop/target/bare-helidon-hop.jar" "$HERE/bare-helidon-hop/target/libs" "$DIST/bare/"

# 5000 client + 5000 server + 5000 upstream sockets: raise the soft fd limit to the hard one.
ulimit -n "$(ulimit -Hn)"
(( $(ulimit -n) >= 16384 )) || echo "run-benchmarks: warning: fd limit $(ulimit -n) is low for S3" >&2

scenario_settings() { # sets DELAY CONNECTIONS DURATION for $1
  case $1 in
    S1) DELAY=0;   CONNECTIONS=64;   DURATION=${S1_SECONDS:-${CELL_SECONDS:-15}} ;;
    S2) DELAY=100; CONNECTIONS=1000; DURATION=${S2_SECONDS:-${CELL_SECONDS:-20}} ;;
    S3) DELAY=100; CONNECTIONS=5000; DURATION=${S3_SECONDS:-${CELL_SECONDS:-20}} ;;
    G)  DELAY=0;   CONNECTIONS=64;   DURATION=${G_SECONDS:-${CELL_SECONDS:-15}} ;;
    *) die "unknown scenario $1 (S1, S2, S3, G)" ;;
  esac
  # h2c: the same requests in flight as CONNECTIONS, as H2C_<scenario> connections x streams per connection.
  local shape="H2C_$1"
  if [[ -n ${!shape:-} ]]; then
    H2C_CONNS=${!shape%x*} H2C_STREAMS=${!shape#*x}
    (( H2C_CONNS * H2C_STREAMS == CONNECTIONS )) || [[ $H2C != 1 ]] || ! takes_part loomscope-h2c "$1" \
      || echo "run-benchmarks: warning: $shape=${!shape} is not $CONNECTIONS requests in flight" >&2
  fi
}
# Whether SERVER takes part in SCENARIO: the h2c servers only in H2C_SCENARIOS.
takes_part() { [[ $1 != *-h2c ]] || [[ " $H2C_SCENARIOS " == *" $2 "* ]]; }
# h2c servers are loaded over h2c by h2load, the others by wrk.
driver_of() { [[ $1 == *-h2c ]] && echo h2load || echo wrk; }
for scenario in $SCENARIOS; do scenario_settings "$scenario"; done

# --- the machine ----------------------------------------------------------------------------------------------
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
  echo "memory: $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "kernel: $(uname -r)"
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  [[ $H2C == 1 ]] && echo "h2load: $(h2load --version 2>&1 | head -1), h2c in $H2C_SCENARIOS (S1 $H2C_S1, S2 $H2C_S2, S3 $H2C_S3 connections x streams)"
  echo "helidon: $HELIDON_VERSION"
  echo "somaxconn: $(cat /proc/sys/net/core/somaxconn), fd limit: $(ulimit -n)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "git: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)$(cd "$ROOT" && git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "rounds: $ROUNDS, scenarios: $SCENARIOS"
  for scenario in $SCENARIOS; do scenario_settings "$scenario"; echo "seconds per cell $scenario: $DURATION"; done
  echo "warm-up: JIT ${WARMUP_JIT_MIN}-${WARMUP_JIT_MAX} s, per scenario ${WARMUP_MIN}-${WARMUP_MAX} s, generator ${LOADGEN_WARMUP} s"
  echo "server options (all servers): $SERVER_OPTS; both Helidon servers: ${HELIDON_OPTS:-none}; loomscope also: ${LOOMSCOPE_OPTS:-none}"
  [[ -n $TUNED_OPTS ]] && echo "loomscope-tuned: $TUNED_OPTS"
  true
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
  local scenario=$1 name=$2 port=${PORT[$2]} pid upstream="http://127.0.0.1:$UPSTREAM_PORT/upstream"
  shift 2
  port_open "$port" && die "port $port is already in use; set BASE_PORT"
  case $name in
    vertx|vertx-h2c)
      local protocol=""
      [[ $name == vertx-h2c ]] && protocol=h2c
      "$JAVA" $SERVER_OPTS "$@" -jar "$DIST/vertx/vertx-hop.jar" "$port" "$upstream" $protocol \
        > "$OUT/$scenario-$name.log" 2>&1 & ;;
    bare-helidon)
      "$JAVA" $SERVER_OPTS $HELIDON_OPTS "$@" -Dserver.port="$port" -Dapp.upstream.uri="$upstream" \
        -jar "$DIST/bare/bare-helidon-hop.jar" > "$OUT/$scenario-$name.log" 2>&1 & ;;
    loomscope*)
      local tuned=""
      [[ $name == loomscope-tuned ]] && tuned=$TUNED_OPTS
      [[ $name == loomscope-h2c ]] && tuned="-Dclient.protocol=h2c"
      (cd "$OUT" && exec "$JAVA" $SERVER_OPTS $HELIDON_OPTS $LOOMSCOPE_OPTS $tuned "$@" \
        -Dserver.port="$port" -Dserver.sockets.0.port=$((port + 1)) -Dapp.upstream.uri="$upstream" \
        -Dapp.recording.enabled=true -Dapp.recording.file="$OUT/$scenario-$name.jfr" \
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
# With H2C=1 also the most TCP connections the process had open to the upstream at once (ss, by owning pid).
sample_process() { # pid file stop_file
  local pid=$1 file=$2 stop=$3 rss=0 threads=0 upstream=0 r t u deadline=$((SECONDS + LOOP_LIMIT_SECONDS * 2))
  echo "0 0 0" > "$file"
  while [[ ! -e $stop ]] && kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    read -r r t < <(awk '/^VmRSS:/ {r = $2} /^Threads:/ {t = $2} END {print int(r / 1024), t + 0}' "/proc/$pid/status" 2>/dev/null || echo "0 0")
    u=0
    [[ $H2C == 1 ]] && u=$(ss -tnpH state established "( dport = :$UPSTREAM_PORT )" 2>/dev/null | grep -c "pid=$pid," || true)
    ((r > rss)) && rss=$r
    ((t > threads)) && threads=$t
    ((u > upstream)) && upstream=$u
    echo "$rss $threads $upstream" > "$file"
    sleep 0.5
  done
}

# --- load ------------------------------------------------------------------------------------------------------
# load DRIVER URL CONNECTIONS SECONDS LOG: runs one load; the log is what the driver printed, LOG.cpu the CPU
# seconds the driver's process used (the generator's include its JVM start and warm-up).
load() {
  local driver=$1 url=$2 connections=$3 seconds=$4 log=$5
  if [[ $driver == wrk ]]; then
    timeout $((seconds + 60)) /usr/bin/time -o "$log.cpu" -f "%U %S" \
      wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency "$url" > "$log" 2>&1 || true
  elif [[ $driver == h2load ]]; then
    # CONNECTIONS requests in flight as h2c streams: H2C_CONNS connections x H2C_STREAMS streams (scenario_settings).
    timeout $((seconds + 60)) /usr/bin/time -o "$log.cpu" -f "%U %S" \
      h2load -c "$H2C_CONNS" -m "$H2C_STREAMS" -D "$seconds" -T 10 "$url" > "$log" 2>&1 || true
  elif [[ $driver == loomscope-h2c ]]; then
    timeout $((seconds + LOADGEN_WARMUP + 60)) /usr/bin/time -o "$log.cpu" -f "%U %S" \
      "$JAVA" -Xmx1g -jar "$DIST/client/loomscope-client.jar" load "$url" --protocol h2c \
      -c "$H2C_CONNS" --streams "$H2C_STREAMS" -d "${seconds}s" -w "${LOADGEN_WARMUP}s" --json \
      > "$log" 2> "$log.progress" || true
  else
    timeout $((seconds + LOADGEN_WARMUP + 60)) /usr/bin/time -o "$log.cpu" -f "%U %S" \
      "$JAVA" -Xmx1g -jar "$DIST/client/loomscope-client.jar" load "$url" \
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
  tail -1 "$OUT/results.tsv" | awk -F'\t' '{printf "  %-3s round %s  %-14s %-9s %9s req/s  p50 %8s ms  p99 %8s ms  errors %s (timeouts %s)  server CPU %s us/req\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $11}'
}

# Loads a server with wrk in steps for at least MIN seconds and until three steps in a row are within 10% of each
# other, at most MAX seconds. A busy machine compiles slowly: two slow steps in a row look steady too. Steps are
# 5 s, 10 s at 5000 connections, whose first seconds go to connecting (SYN retries past the accept backlog); a
# warm-up shorter than one step is one step of that length.
warm_up() { # scenario server url connections min_seconds max_seconds
  local a=0 b=0 rps step size=$(($4 >= 5000 ? 10 : 5)) steps min_steps driver
  driver=$(driver_of "$2")
  ((size > $6)) && size=$6
  ((size < 1)) && size=1
  steps=$(($6 / size)) min_steps=$(($5 / size))
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
within_tenth() { (($1 * 10 >= $2 * 9 && $1 * 10 <= $2 * 11)); }

hop_url() { echo "http://127.0.0.1:${PORT[$1]}/?delayMs=$2&bytes=100"; }
# The client-bound target: loomscope's own /upstream, no hop behind it.
generator_url() { echo "http://127.0.0.1:${PORT[loomscope]}/upstream?bytes=64"; }

printf 'scenario\tround\tserver\tdriver\trps\tp50_ms\tp99_ms\terrors\ttimeouts\trequests\tcpu_us_per_req\tdriver_cpu_s\tload_avg\n' \
  > "$OUT/results.tsv"
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
  if [[ $scenario == G ]]; then
    echo "run-benchmarks: G: wrk and loomscope-client on $(generator_url), $CONNECTIONS connections, ${DURATION} s x $ROUNDS rounds"
    warm_up G loomscope "$(generator_url)" "$CONNECTIONS" "$WARMUP_MIN" "$WARMUP_MAX"
    for ((round = 1; round <= ROUNDS; round++)); do
      order=(wrk loomscope); ((round % 2 == 0)) && order=(loomscope wrk)
      for driver in "${order[@]}"; do
        measure G "$round" loomscope "$driver" "$(generator_url)" "$CONNECTIONS" "$DURATION"
      done
    done
    continue
  fi
  echo "run-benchmarks: $scenario: delay ${DELAY} ms, $CONNECTIONS connections, ${DURATION} s x $ROUNDS rounds"
  for server in "${SERVERS[@]}"; do
    takes_part "$server" "$scenario" || continue
    warm_up "$scenario" "$server" "$(hop_url "$server" "$DELAY")" "$CONNECTIONS" "$WARMUP_MIN" "$WARMUP_MAX"
  done
  rm -f "$OUT/$scenario.stop"
  for server in "${SERVERS[@]}"; do
    takes_part "$server" "$scenario" || continue
    sample_process "${PID_OF[$server]}" "$OUT/$scenario-$server.proc" "$OUT/$scenario.stop" &
    PIDS+=($!)
  done
  for ((round = 1; round <= ROUNDS; round++)); do
    for ((i = 0; i < ${#SERVERS[@]}; i++)); do
      server=${SERVERS[$(((i + round - 1) % ${#SERVERS[@]}))]}
      takes_part "$server" "$scenario" || continue
      measure "$scenario" "$round" "$server" "$(driver_of "$server")" "$(hop_url "$server" "$DELAY")" \
        "$CONNECTIONS" "$DURATION"
    done
    if [[ $GENERATOR == 1 ]]; then
      measure "$scenario" "$round" loomscope loomscope "$(hop_url loomscope "$DELAY")" "$CONNECTIONS" "$DURATION"
      if [[ $H2C == 1 ]] && takes_part loomscope-h2c "$scenario"; then
        measure "$scenario" "$round" loomscope-h2c loomscope-h2c "$(hop_url loomscope-h2c "$DELAY")" \
          "$CONNECTIONS" "$DURATION"
      fi
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
  measure S3-512m 1 loomscope-512m wrk "$url" "$CONNECTIONS" "$DURATION"
  touch "$OUT/S3-512m.stop"
  sleep 1
  read -r rss threads upstream < "$OUT/S3-512m-loomscope-512m.proc"
  printf '%s\t%s\t%s\t%s\t%s\n' S3-512m loomscope-512m "$rss" "$threads" "$upstream" >> "$OUT/servers.tsv"
  stop_scenario
fi

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.txt"
python3 "$HERE/bench.py" summary "$OUT" > "$OUT/summary.md"
cat "$OUT/summary.md"
if [[ -n $RESULTS_DOC ]]; then
  cp "$OUT/summary.md" "$RESULTS_DOC"
  echo "run-benchmarks: the summary is also in $RESULTS_DOC"
fi
echo "run-benchmarks: raw logs, results.tsv, servers.tsv and summary.md are in $OUT"
