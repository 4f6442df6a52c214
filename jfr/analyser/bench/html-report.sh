#!/usr/bin/env bash
# Size and time-to-interactive of the HTML report for a recording of about a million events; writes
# docs/html-report.md. The recording comes from analyser-speed.sh's emitter (loomscope's real events, one virtual
# thread per request). Time-to-interactive is the page's own performance.now() when its script has drawn
# everything (attribute data-render-millis), read from headless Chromium's DOM, three runs, median.
# Usage (from the repository root): .ci/jdk mvn -B -q -o -pl jfr/analyser -am package -DskipTests && jfr/analyser/bench/html-report.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
jdk=$("$root/.ci/jdk")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v chromium >/dev/null || { echo "html-report: needs chromium (apt-get install chromium)" >&2; exit 2; }

EMIT_ONLY="$work/million.jfr" TARGET_MB=${TARGET_MB:-32} LOAD_SECONDS=${LOAD_SECONDS:-240} \
  "$here/analyser-speed.sh" >/dev/null
events=$("$jdk/bin/jfr" summary "$work/million.jfr" | awk '/^ [a-z]/ {n += $2} END {print n}')
loomscope_events=$("$jdk/bin/jfr" summary "$work/million.jfr" | awk '/loomscope\./ {n += $2} END {print n}')
start=$(date +%s%3N)
"$jdk/bin/java" -jar "$root/jfr/analyser/target/loomscope-jfr.jar" report --format html -o "$work/million.html" "$work/million.jfr"
write_ms=$(( $(date +%s%3N) - start ))
"$jdk/bin/java" -jar "$root/jfr/analyser/target/loomscope-jfr.jar" report --format html -o "$work/small.html" \
  "$root/jfr/analyser/src/test/resources/recordings/hop-and-fanout.jfr"

render() { # prints the page's data-render-millis in headless Chromium
  chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
      --disable-sync --no-first-run --window-size=1400,1800 --dump-dom "file://$1" 2>/dev/null \
    | grep -o 'data-render-millis="[0-9]*"' | grep -o '[0-9]*'
}
runs=()
for _ in 1 2 3; do runs+=("$(render "$work/million.html")"); done
median=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)
small_kb=$(( $(stat -c %s "$work/small.html") / 1024 ))
big_kb=$(( $(stat -c %s "$work/million.html") / 1024 ))

cat >"$root/docs/html-report.md" <<MD
# HTML report: size and time to interactive

Made by \`jfr/analyser/bench/html-report.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores (load average $(cut -d' ' -f1 /proc/loadavg)),
$("$jdk/bin/java" -version 2>&1 | head -1), $(chromium --version).

| recording | events | page size | time to interactive (3 runs, median) |
|---|---|---|---|
| \`hop-and-fanout.jfr\` (test fixture) | $("$jdk/bin/jfr" summary "$root/jfr/analyser/src/test/resources/recordings/hop-and-fanout.jfr" | awk '/^ [a-z]/ {n += $2} END {print n}') | ${small_kb} KB | |
| synthetic, $(du -m "$work/million.jfr" | cut -f1) MB | ${events} (${loomscope_events} loomscope) | ${big_kb} KB | ${runs[*]} ms, **${median} ms** |

Writing the large page (analysis, JMC's rules, rendering) took ${write_ms} ms. The page draws at most
40,000 requests, a contiguous window from the start of the recording, and says so; every number on it covers
the whole recording.
MD
cat "$root/docs/html-report.md"
