#!/usr/bin/env bash
# Makes the committed fixtures with the loomscope recorder's slices. Run from anywhere, after building (from the
# repository root):
#   .ci/jdk mvn -B -q package -DskipTests
#   jfr/analyser/src/test/resources/recordings/make-slice-recordings.sh
# server-hops-with-slices.jfr: the built server (it starts the recorder itself, Launcher-Agent-Class) on free
#   loopback ports, warm, 20 hops (/ calling /upstream with a 20 ms delay, 10 at a time), stopped with SIGTERM.
# plain-jdk-slices.jfr: the plain program of plain-jdk-*.jfr (PlainVirtualThreads: 200 sleeping virtual threads and
#   one class-init pin) run with -javaagent:loomscope-agent.jar and loomscope.jfc.
# Kept apart from make-recordings.sh so that those fixtures, whose counts tests assert, are not remade with these.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../../.." && pwd)
jdk="$root/.ci/jdk"
server="$root/server/target/loomscope-server.jar"
agent="$root/jfr/agent/target/loomscope-agent.jar"
fixtures="$root/jfr/analyser/target/test-classes"
for f in "$server" "$agent" "$fixtures/dev/loomscope/jfr/fixtures/PlainVirtualThreads.class"; do
  [ -e "$f" ] || { echo "make-slice-recordings: build first: .ci/jdk mvn -B -q package -DskipTests" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$jdk" java -Dserver.port=0 -Dserver.host=127.0.0.1 -Dserver.sockets.0.port=0 \
    -Dapp.recording.file="$work/server.jfr" -jar "$server" >"$work/server.log" 2>&1 &
pid=$!
base=
for _ in $(seq 1 150); do
  base=$(sed -n 's/^loomscope is up on \(http:[^ ]*\).*/\1/p' "$work/server.log")
  [ -n "$base" ] && break
  sleep 0.2
done
[ -n "$base" ] || { echo "make-slice-recordings: server did not start; log:" >&2; cat "$work/server.log" >&2; exit 1; }
curls=()
for round in 1 2; do
  for i in $(seq 1 10); do curl -s -o /dev/null "$base/?delayMs=20" & curls+=($!); done
  wait "${curls[@]}"; curls=()
done
kill -TERM "$pid"
wait "$pid" || true
cp "$work/server.jfr" "$here/server-hops-with-slices.jfr"
echo "server-hops-with-slices.jfr: $(du -h "$here/server-hops-with-slices.jfr" | cut -f1)"

"$jdk" java -javaagent:"$agent" \
    -XX:StartFlightRecording:settings="$root/jfr/events/src/main/resources/loomscope.jfc",filename="$here/plain-jdk-slices.jfr" \
    -cp "$fixtures:$root/jfr/events/target/classes" dev.loomscope.jfr.fixtures.PlainVirtualThreads 2>&1 | grep -v 'Started recording\|Use jcmd\|^$' || true
echo "plain-jdk-slices.jfr: $(du -h "$here/plain-jdk-slices.jfr" | cut -f1)"
