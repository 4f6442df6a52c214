#!/usr/bin/env bash
# Times the analyser on a ~200 MB recording: `loomscope-jfr report` (on every core, and on one reader thread) against
# `jfr view pinned-threads` (ROUNDS rounds, default 5, taking the three in turn; medians) and JMC's loader
# (JfrLoaderToolkit.loadEvents, 3 runs) on the same file; writes docs/analyser-speed.md.
#
# The recording is synthetic but made of the real thing: a small program commits loomscope's own ServerRequest and
# ClientCall events (jfr/analyser/target/loomscope-jfr.jar) from a new virtual thread per request, with a class-init pin
# every 2,000 requests, recorded with jfr/events/src/main/resources/loomscope.jfc, until the JFR repository holds
# TARGET_MB or LOAD_SECONDS pass. (A real server under curl load on 2 shared cores made ~0.1 MB/s: 30+ minutes for
# 200 MB; the analyser's cost is per event, whoever commits it.)
# Usage (from the repository root): .ci/jdk mvn -B -q -o -pl jfr/analyser -am package -DskipTests && jfr/analyser/bench/analyser-speed.sh
#        TARGET_MB=50 LOAD_SECONDS=120 jfr/analyser/bench/analyser-speed.sh     (smaller, faster)
#        RECORDING=big.jfr jfr/analyser/bench/analyser-speed.sh                 (time an existing recording)
#        BASELINE=/tmp/old/jfr/analyser/target/loomscope-jfr.jar RECORDING=big.jfr jfr/analyser/bench/analyser-speed.sh
#                                     (adds a row for another build of the analyser, e.g. a worktree of an older commit)
#        EMIT_ONLY=out.jfr TARGET_MB=30 jfr/analyser/bench/analyser-speed.sh    (only make the recording; html-report.sh uses it)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
jdk=$("$root/.ci/jdk")
target_mb=${TARGET_MB:-200}
load_seconds=${LOAD_SECONDS:-300}
work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
}
trap cleanup EXIT
[ -f "$root/jfr/analyser/target/loomscope-jfr.jar" ] \
  || { echo "analyser-speed: build first: .ci/jdk mvn -B -q -o -pl jfr/analyser -am package -DskipTests" >&2; exit 2; }

millis() { date +%s%3N; }

recording=${RECORDING:-}
if [ -z "$recording" ]; then
  recording="$work/synthetic.jfr"
  mkdir -p "$work/repo"
  echo "emitting events until the JFR repository holds ${target_mb} MB (at most ${load_seconds} s)"
  start=$(millis)
  "$jdk/bin/java" -XX:FlightRecorderOptions:repository="$work/repo" \
      -XX:StartFlightRecording:settings="$root/jfr/events/src/main/resources/loomscope.jfc",filename="$recording" \
      -cp "$root/jfr/analyser/target/test-classes:$root/jfr/analyser/target/loomscope-jfr.jar" \
      dev.loomscope.jfr.fixtures.SyntheticLoad "$work/repo" "$target_mb" "$load_seconds" 2>&1 \
      | grep -v 'jfr,startup' || true
  echo "emitting took $(( ($(millis) - start) / 1000 )) s"
fi
size_mb=$(du -m "$recording" | cut -f1)
echo "recording: $recording, $size_mb MB"
if [ -n "${EMIT_ONLY:-}" ]; then
  cp "$recording" "$EMIT_ONLY"
  exit 0
fi

rounds=${ROUNDS:-5}
# run NAME CMD...: one timed run; appends wall ms, user CPU s and peak RSS MB to that tool's lists.
declare -A wall_runs cpu_runs rss_runs
run() {
  local name=$1 t
  shift
  t=$(millis)
  /usr/bin/time -f '%U %M' -o "$work/cpu" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  wall_runs[$name]+="$(( $(millis) - t )) "
  read -r cpu rss < <(tail -1 "$work/cpu")
  cpu_runs[$name]+="$cpu "
  rss_runs[$name]+="$(( rss / 1024 )) "
}
median() { printf '%s\n' $1 | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
row() { # row NAME LABEL: a table row with every run and the medians
  echo "| $2 | ${wall_runs[$1]}| **$(median "${wall_runs[$1]}")** | ${cpu_runs[$1]}| **$(median "${cpu_runs[$1]}")** | **$(median "${rss_runs[$1]}")** |"
}
cores=$(nproc)
# Rounds interleave the tools, so that a change in the machine's load falls on all of them alike.
for _ in $(seq "$rounds"); do
  run ours "$jdk/bin/java" -jar "$root/jfr/analyser/target/loomscope-jfr.jar" report "$recording"
  run ours1 "$jdk/bin/java" -Dloomscope.jfr.readers=1 -jar "$root/jfr/analyser/target/loomscope-jfr.jar" report "$recording"
  run view "$jdk/bin/jfr" view pinned-threads "$recording"
  # check's limits set high, so that its exit code is 0 and the runs count (the time is the same either way).
  run check "$jdk/bin/java" -jar "$root/jfr/analyser/target/loomscope-jfr.jar" check --max-pinned 1000000000 \
      --max-pinned-time 1000000s --max-submit-failures 1000000000 "$recording"
  if [ -n "${BASELINE:-}" ]; then
    run baseline "$jdk/bin/java" -jar "$BASELINE" report "$recording"
  fi
done

cat >"$work/JmcLoad.java" <<'JAVA'
import java.io.File;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

public class JmcLoad {
    public static void main(String[] args) throws Exception {
        JfrLoaderToolkit.loadEvents(new File(args[0]));
    }
}
JAVA
libs="$root/jfr/analyser/target/libs/*"
"$jdk/bin/javac" -cp "$libs" -d "$work" "$work/JmcLoad.java"
for _ in 1 2 3; do
  run jmc "$jdk/bin/java" -Xmx8g -cp "$work:$libs" JmcLoad "$recording"
done
summary=$("$jdk/bin/jfr" summary "$recording" | grep -E 'loomscope\.|VirtualThread(Start|End|Pinned) ' || true)

doc="$root/docs/analyser-speed.md"
# Notes written by hand under "## Notes" survive a new run; the figures above them are replaced.
notes=$(sed -n '/^## Notes/,$p' "$doc" 2>/dev/null || true)
cat >"$doc" <<MD
# Analyser speed on a ${size_mb} MB recording

Made by \`jfr/analyser/bench/analyser-speed.sh\` on $(date -u +%Y-%m-%d) with $("$jdk/bin/java" -version 2>&1 | head -1),
${cores} cores, load average $(cut -d' ' -f1 /proc/loadavg) at the end. Each figure is a whole JVM run; ${rounds} rounds that
take the first three tools in turn, then JMC three times; medians in bold. User CPU counts every thread (reading, JIT,
GC). \`jfr view\` parses only the event types its query names; the analyser and JMC read every event.

| tool | wall runs (ms) | wall median (ms) | user CPU runs (s) | user CPU median (s) | peak RSS median (MB) |
|---|---|---|---|---|---|
$(row ours "\`loomscope-jfr report\` (chunks read on ${cores} threads)")
$(row ours1 "\`loomscope-jfr report\` with \`-Dloomscope.jfr.readers=1\`")
$(row view "\`jfr view pinned-threads\`")
$(row check "\`loomscope-jfr check\` (decodes only pinning, submit failures, settings)")
$([ -n "${BASELINE:-}" ] && row baseline "baseline: \`$BASELINE\`")
$(row jmc "JMC 9.1 \`JfrLoaderToolkit.loadEvents\` (-Xmx8g)")

Events in the recording (\`jfr summary\`: type, count, bytes):

\`\`\`
${summary}
\`\`\`
MD
if [ -n "$notes" ]; then
  printf '\n%s\n' "$notes" >>"$doc"
fi
echo "wrote $doc"
cat "$doc"
