#!/usr/bin/env bash
# Makes the small committed JFR fixtures of the analyser's tests. Run from anywhere, after building (from the repository root):
#   .ci/jdk mvn -B -q package -DskipTests
#   jfr/analyser/src/test/resources/recordings/make-recordings.sh
# Each loomscope fixture starts the built server on free ports (loopback only) with its own recording
# (app.recording.file), sends a few curl requests, and stops it with SIGTERM, which writes the recording.
# plain-jdk-*.jfr come from a tiny program without loomscope events (PlainVirtualThreads), recorded with -XX:StartFlightRecording.
# Fixtures are kept under 2 MB: short runs, and the JDK's default settings plus loomscope's additions only.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../../../.." && pwd)
jdk="$root/.ci/jdk"
jar="$root/server/target/loomscope-server.jar"
[ -f "$jar" ] || { echo "make-recordings: build the server first: .ci/jdk mvn -B -q package -DskipTests" >&2; exit 2; }
# The plain-JDK program is a test class of the analyser (dev.loomscope.jfr.fixtures), compiled by that build.
fixtures="$root/jfr/analyser/target/test-classes"
[ -f "$fixtures/dev/loomscope/jfr/fixtures/PlainVirtualThreads.class" ] \
  || { echo "make-recordings: build first: .ci/jdk mvn -B -q package -DskipTests" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# start_server NAME: starts the server recording to $work/NAME.jfr; sets $pid and $base
start_server() {
  local log="$work/$1.log"
  # Cold servers (no warm-up): the fixtures show the class-loading pins of a JVM's first concurrent requests.
  "$jdk" java -Dserver.port=0 -Dserver.host=127.0.0.1 -Dserver.sockets.0.port=0 -Dapp.warm-up.enabled="${warm:-false}" \
      -Dapp.recording.file="$work/$1.jfr" -jar "$jar" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 150); do
    base=$(sed -n 's/^loomscope is up on \(http:[^ ]*\).*/\1/p' "$log")
    [ -n "$base" ] && return 0
    sleep 0.2
  done
  echo "make-recordings: server did not start; log:" >&2; cat "$log" >&2; exit 1
}

# stop_server NAME: SIGTERM, wait, copy the recording next to this script
stop_server() {
  kill -TERM "$pid"
  wait "$pid" || true
  cp "$work/$1.jfr" "$here/$1.jfr"
  echo "$1.jfr: $(du -h "$here/$1.jfr" | cut -f1)"
}

curls=() # background curls; a bare `wait` would also wait for the server
# hop-and-fanout.jfr: 60 hops (/ calling /upstream, 20 at a time) and 5 fan-outs of 8 calls
start_server hop-and-fanout
for round in 1 2 3; do
  for i in $(seq 1 20); do curl -s -o /dev/null "$base/?delayMs=50" & curls+=($!); done
  wait "${curls[@]}"; curls=()
done
for i in $(seq 1 5); do curl -s -o /dev/null "$base/fanout?calls=8&delayMs=30" & curls+=($!); done
wait "${curls[@]}"; curls=()
stop_server hop-and-fanout

# http1-and-h2c.jfr: a warm server; 7 hops on 2 HTTP/1.1 keep-alive connections (curl), then 40 hops over h2c as
# 2 connections of up to 10 streams at once (h2load, package nghttp2-client); the hops' upstream calls are HTTP/1.1
warm=true start_server http1-and-h2c
curl -s -o /dev/null -o /dev/null -o /dev/null -o /dev/null "$base/?delayMs=20" "$base/?delayMs=20" "$base/?delayMs=20" "$base/?delayMs=20"
curl -s -o /dev/null -o /dev/null -o /dev/null "$base/?delayMs=20" "$base/?delayMs=20" "$base/?delayMs=20"
h2load -n 40 -c 2 -m 10 "$base/?delayMs=100" >/dev/null
stop_server http1-and-h2c

# pinning-class-init.jfr: 3 pins in a class initializer (pins on every JDK) and, for contrast, synchronized and
# lock (no pin on 24+)
start_server pinning-class-init
for i in 1 2 3; do curl -s -o /dev/null "$base/pinning?mode=class-init&millis=30"; done
curl -s -o /dev/null "$base/pinning?mode=synchronized&millis=30"
curl -s -o /dev/null "$base/pinning?mode=lock&millis=30"
stop_server pinning-class-init

# plain-jdk-no-loomscope.jfr: 200 virtual threads and one class-init pin, recorded with the JDK's default settings
# plus virtual thread start/end; plain-jdk-default-settings.jfr: the same with the JDK's default settings only
"$jdk" java -XX:StartFlightRecording:settings=default,+jdk.VirtualThreadStart#enabled=true,+jdk.VirtualThreadEnd#enabled=true,+jdk.VirtualThreadPinned#threshold=10ms,filename="$here/plain-jdk-no-loomscope.jfr" \
    -cp "$fixtures" dev.loomscope.jfr.fixtures.PlainVirtualThreads 2>&1 | grep -v 'Started recording\|Use jcmd\|^$' || true
echo "plain-jdk-no-loomscope.jfr: $(du -h "$here/plain-jdk-no-loomscope.jfr" | cut -f1)"
"$jdk" java -XX:StartFlightRecording:settings=default,filename="$here/plain-jdk-default-settings.jfr" \
    -cp "$fixtures" dev.loomscope.jfr.fixtures.PlainVirtualThreads 2>&1 | grep -v 'Started recording\|Use jcmd\|^$' || true
echo "plain-jdk-default-settings.jfr: $(du -h "$here/plain-jdk-default-settings.jfr" | cut -f1)"

# jdk17-platform-threads.jfr: a JDK 17 recording (no virtual threads there), JDK 17's default settings; needs a
# JDK 17 (JDK17=..., default Debian's /usr/lib/jvm/java-17-openjdk-amd64)
jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
if [ -x "$jdk17/bin/java" ]; then
  "$jdk17/bin/javac" -d "$work" "$here/Jdk17PlatformThreads.java"
  "$jdk17/bin/java" -XX:StartFlightRecording:settings=default,filename="$here/jdk17-platform-threads.jfr" \
      -cp "$work" Jdk17PlatformThreads 2>&1 | grep -v 'jfr,startup\|^$' || true
  echo "jdk17-platform-threads.jfr: $(du -h "$here/jdk17-platform-threads.jfr" | cut -f1)"
else
  echo "make-recordings: no JDK 17 at $jdk17 (set JDK17): jdk17-platform-threads.jfr not remade" >&2
fi
