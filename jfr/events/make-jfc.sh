#!/usr/bin/env bash
# Regenerates src/main/resources/loomscope.jfc, the complete recording template for JMC's Template Manager and
# -XX:StartFlightRecording:settings=..., from the JDK's default.jfc plus loomscope-additions.jfc.
# The server does not read this file: it merges the additions into the running JDK's own defaults.
# Usage: jfr/events/make-jfc.sh   (uses the JDK that .ci/jdk selects)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jdk=$("$here/../../.ci/jdk")
# Each line of loomscope-additions.jfc as an event-setting argument ('+' adds events default.jfc lacks), so every
# event appears once in the output; RecordingTemplateTest checks that the two files agree.
"$jdk/bin/jfr" configure --input default --output "$here/src/main/resources/loomscope.jfc" \
    jdk.VirtualThreadStart#enabled=true jdk.VirtualThreadStart#stackTrace=false \
    jdk.VirtualThreadEnd#enabled=true \
    jdk.VirtualThreadPinned#enabled=true jdk.VirtualThreadPinned#stackTrace=true jdk.VirtualThreadPinned#threshold=1ms \
    jdk.VirtualThreadSubmitFailed#enabled=true jdk.VirtualThreadSubmitFailed#stackTrace=true \
    +loomscope.ServerRequest#enabled=true +loomscope.ServerRequest#threshold=0ms \
    +loomscope.ClientCall#enabled=true +loomscope.ClientCall#threshold=0ms \
    +loomscope.VirtualThreadSlice#enabled=true +loomscope.VirtualThreadSlice#threshold=0ms \
    +loomscope.VirtualThreadWakeup#enabled=true \
    +loomscope.RecorderStatus#enabled=true +loomscope.RecorderStatus#period=everyChunk
# Name the template so JMC's Template Manager lists it as loomscope's.
sed -i 's|^<configuration [^>]*>|<configuration version="2.0" label="loomscope" description="JDK default settings plus virtual thread start and end, pins from 1 ms, loomscope request and client call events, and the recorder agent slices and wake-ups" provider="loomscope">|' \
    "$here/src/main/resources/loomscope.jfc"
echo "wrote $here/src/main/resources/loomscope.jfc with $("$jdk/bin/java" -version 2>&1 | head -1)"
