#!/usr/bin/env bash
# Runs `loomscope-jfr report` and the JDK's `jfr summary` on every .jfr file of a corpus directory of recordings
# made by others (never committed: fetch them, e.g. openjdk/jmc's test recordings) and prints a markdown table:
# file, JDK, reader, what report says (its first line of result or its error), and whether its counts of
# virtual-thread starts/ends, pins, submit failures and loomscope events equal jfr summary's.
# Usage (from the repository root): jfr/analyser/bench/foreign-corpus.sh /tmp/foreign-corpus
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
jdk=$("$root/.ci/jdk")
corpus=${1:?usage: foreign-corpus.sh CORPUS-DIRECTORY}
jar="$root/jfr/analyser/target/loomscope-jfr.jar"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "| file | JDK (report) | reader | report says | jfr summary | counts match |"
echo "|---|---|---|---|---|---|"
for file in "$corpus"/*.jfr; do
  name=$(basename "$file")
  set +e
  "$jdk/bin/java" -jar "$jar" report --format json "$file" >"$work/report.json" 2>"$work/report.err"
  code=$?
  "$jdk/bin/jfr" summary "$file" >"$work/summary.txt" 2>&1
  summary_code=$?
  set -e
  python3 - "$name" "$code" "$summary_code" "$work" <<'PY'
import json, re, sys
name, code, summary_code, work = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
summary = open(f"{work}/summary.txt").read()
counts = {m.group(1): int(m.group(2)) for m in re.finditer(r"^\s*(\S+)\s+(\d+)\s+\d+\s*$", summary, re.M)}
jdk_says = "reads it" if summary_code == 0 else "fails: " + summary.strip().splitlines()[-1][:70] if summary.strip() else "fails"
if code != 0:
    err = open(f"{work}/report.err").read().strip().replace(name, "FILE").replace("|", "/")
    err = re.sub(r"^loomscope-jfr report: \S*FILE", "FILE", err)
    print(f"| {name} | | | exit {code}: {err[:110]} | {jdk_says} | {'n/a (both refuse)' if summary_code else 'NO: refused'} |")
    sys.exit(0)
r = json.load(open(f"{work}/report.json"))["combined"]
def n(section, field):
    s = r.get(section)
    return 0 if s is None or s.get(field) is None else s[field]
ours = {"jdk.VirtualThreadStart": n("virtualThreads", "started"), "jdk.VirtualThreadEnd": n("virtualThreads", "ended"),
        "jdk.VirtualThreadPinned": n("pinning", "count"), "jdk.VirtualThreadSubmitFailed": n("submitFailures", "count"),
        "loomscope.ServerRequest": n("requests", "count"), "loomscope.ClientCall": n("clientCalls", "count")}
match = all(ours[t] == counts.get(t, 0) for t in ours)
facts = r["recording"]
verdict = r["verdict"].replace("|", "/")
shown = ", ".join(f"{t.split('.')[-1]} {v}" for t, v in ours.items() if v) or "no virtual-thread or loomscope events"
note = f"; {sum(facts['undeclaredTypes'].values())} undeclared skipped" if facts["undeclaredTypes"] else ""
reader = "own" if facts["reader"] == "loomscope" else "JDK (own refused)" if facts["readerNote"] and "refused" in facts["readerNote"] else "JDK"
print(f"| {name} | {facts['jdk']} | {reader} | {shown}{note}; \"{verdict[:80]}\" | {jdk_says} | {'yes' if match and summary_code == 0 else 'NO'} |")
PY
done
