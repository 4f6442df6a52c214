#!/usr/bin/env bash
# Times `loomscope-jfr report` (text, default options, as the README runs it) against one plain pass of the JDK's
# RecordingFile over the same recording (readEvent() until the end, nothing else): issue #12's bar. Rounds take the
# tools in turn, so that a change in the machine's load falls on all of them alike; prints wall and user+sys CPU of
# every run with medians and ranges, and the load average before and after; for each build, when its reading ended
# (from the launch: both JVMs' start-up included) and how long its analysis took, from report's progress lines as
# they arrive (builds from 7c29bc1 on print them).
# Usage (from the repository root):
#   .ci/jdk mvn -B -q -o -pl jfr/analyser -am package -DskipTests && RECORDING=big.jfr jfr/analyser/bench/report-vs-pass.sh
#   BASELINE=/tmp/old/loomscope-jfr.jar RECORDING=big.jfr ROUNDS=5 jfr/analyser/bench/report-vs-pass.sh
#                      (adds a row for another build of the analyser, e.g. main's jar with its libs/ beside it)
#   C1=1 RECORDING=big.jfr jfr/analyser/bench/report-vs-pass.sh     (adds report with -XX:TieredStopAtLevel=1)
#   C2=1 ...     (adds report kept in one JVM with C2, -Dloomscope.jfr.c1=false: what the C1 relaunch saves)
#   CHECK=1 ...  (adds check, relaunched and kept in one JVM with C2)
#   JAR=/tmp/copy/loomscope-jfr.jar ...  (times a copy, with its libs/ beside it, so that a rebuild cannot interfere)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
jdk=$("$root/.ci/jdk")
recording=${RECORDING:?"name the recording: RECORDING=file.jfr"}
rounds=${ROUNDS:-3}
jar=${JAR:-"$root/jfr/analyser/target/loomscope-jfr.jar"}
[ -f "$jar" ] || { echo "report-vs-pass: build first: .ci/jdk mvn -B -q -o -pl jfr/analyser -am package -DskipTests" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/Pass.java" <<'JAVA'
import java.nio.file.Path;
import jdk.jfr.consumer.RecordingFile;

public class Pass {
    public static void main(String[] args) throws Exception {
        long events = 0;
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                file.readEvent();
                events++;
            }
        }
        System.out.println(events + " events");
    }
}
JAVA
"$jdk/bin/javac" -d "$work" "$work/Pass.java"

declare -A wall_runs cpu_runs read_runs analyse_runs
names=()
run() { # run NAME CMD...: one timed run, wall seconds and user+sys seconds appended to NAME's lists
  local name=$1 start status
  shift
  [[ " ${names[*]} " == *" $name "* ]] || names+=("$name")
  start=$(date +%s%N)
  # Each line of stderr is stamped with the milliseconds since the launch as it arrives: report's progress lines
  # then say when its reading ended, counted from the launch, start-up and early reading included (its own times
  # count from the line "reading", printed once picocli has parsed the command line, while the reading began
  # before it).
  set +e
  /usr/bin/time -f '%U %S' -o "$work/cpu" "$@" 2>&1 >/dev/null \
      | while IFS= read -r line; do echo "$(( ($(date +%s%N) - start) / 1000000 )) $line"; done >"$work/err"
  status=${PIPESTATUS[0]}
  set -e
  [ "$status" -eq 0 ] || { cat "$work/err" >&2; exit 1; }
  wall_runs[$name]+="$(awk -v s="$start" -v e="$(date +%s%N)" 'BEGIN {printf "%.2f", (e - s) / 1e9}') "
  cpu_runs[$name]+="$(tail -1 "$work/cpu" | awk '{printf "%.2f", $1 + $2}') "
  # report's progress lines (files of 50 MB or more): the launch to the end of the reading, and the analysis.
  if grep -q ': analysing ' "$work/err"; then
    read_runs[$name]+="$(awk '/: analysing /{printf "%.2f", $1 / 1000; exit}' "$work/err") "
    analyse_runs[$name]+="$(awk '/: analysing /{a=$1} /: rendering /{r=$1} END {printf "%.2f", (r - a) / 1000}' "$work/err") "
  fi
}
stats() { printf '%s\n' $1 | sort -g | awk '{a[NR]=$1} END {printf "**%s** (%s-%s)", a[int((NR+1)/2)], a[1], a[NR]}'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$rounds"); do
  run pass "$jdk/bin/java" -cp "$work" Pass "$recording"
  run report "$jdk/bin/java" -jar "$jar" report "$recording"
  if [ -n "${BASELINE:-}" ]; then
    run baseline "$jdk/bin/java" -jar "$BASELINE" report "$recording"
  fi
  if [ -n "${C1:-}" ]; then
    run c1 "$jdk/bin/java" -XX:TieredStopAtLevel=1 -jar "$jar" report "$recording"
  fi
  if [ -n "${C2:-}" ]; then
    run c2 "$jdk/bin/java" -Dloomscope.jfr.c1=false -jar "$jar" report "$recording"
  fi
  if [ -n "${CHECK:-}" ]; then
    # check exits 1 when a limit is exceeded: that is an answer, not a failed run.
    run check bash -c '"$@"; [ $? -le 1 ]' check "$jdk/bin/java" -jar "$jar" check "$recording"
    run check-c2 bash -c '"$@"; [ $? -le 1 ]' check "$jdk/bin/java" -Dloomscope.jfr.c1=false -jar "$jar" check \
        "$recording"
  fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | wall runs (s) | wall median (range) | user+sys runs (s) | user+sys median (range) |"
echo "|---|---|---|---|---|"
for name in "${names[@]}"; do
  case $name in
    pass) label="JDK \`RecordingFile\` pass" ;;
    report) label="\`report\`, \`$jar\`" ;;
    baseline) label="\`report\`, \`$BASELINE\`" ;;
    c1) label="\`report\`, \`$jar\`, \`-XX:TieredStopAtLevel=1\`" ;;
    c2) label="\`report\`, \`$jar\`, C2 in one JVM (\`-Dloomscope.jfr.c1=false\`)" ;;
    check) label="\`check\`, \`$jar\`" ;;
    check-c2) label="\`check\`, \`$jar\`, C2 in one JVM" ;;
  esac
  echo "| $label | ${wall_runs[$name]}| $(stats "${wall_runs[$name]}") | ${cpu_runs[$name]}| $(stats "${cpu_runs[$name]}") |"
done
echo
echo "| run | launch to the end of reading (s) | median | analysing (s) | median |"
echo "|---|---|---|---|---|"
for name in "${names[@]}"; do
  [ -n "${read_runs[$name]:-}" ] || continue
  echo "| $name | ${read_runs[$name]}| $(stats "${read_runs[$name]}") | ${analyse_runs[$name]}| $(stats "${analyse_runs[$name]}") |"
done
