#!/usr/bin/env python3
"""Reads what run-benchmarks.sh measured.

  bench.py row DRIVER LOG SCENARIO ROUND SERVER CPU_TICKS CLK_TCK LOADAVG   one results.tsv line from a driver's log
  bench.py summary DIR                                                      markdown tables of medians and ratios
"""
import csv
import json
import math
import re
import statistics
import sys
from pathlib import Path

LIMITS = {"S2": 10_000, "S3": 50_000, "S3-512m": 50_000}  # connections / 100 ms upstream delay
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(text):
    """req/s, p50 ms, p99 ms, errors, requests from `wrk --latency` output."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if not rps:
        return None
    pct = {m.group(1): float(m.group(2)) * UNIT_MS[m.group(3)]
           for m in re.finditer(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)}
    requests = re.search(r"(\d+) requests in", text)
    errors = 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if socket:
        errors += sum(int(g) for g in socket.groups())
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if non2xx:
        errors += int(non2xx.group(1))
    return float(rps.group(1)), pct.get("50", math.nan), pct.get("99", math.nan), errors, int(requests.group(1))


def parse_h2load(text):
    """req/s, p50 ms, p99 ms, errors, requests from h2load's summary; it gives no latency percentiles (NaN)."""
    rps = re.search(r"^finished in [\d.]+s, ([\d.]+) req/s", text, re.M)
    done = re.search(r"^requests: \d+ total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored,"
                     r" (\d+) timeout", text, re.M)
    codes = re.search(r"^status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx", text, re.M)
    if not rps or not done:
        return None
    errors = int(done.group(3)) + int(done.group(5))
    if codes:
        errors += int(codes.group(3)) + int(codes.group(4))
    return float(rps.group(1)), math.nan, math.nan, errors, int(done.group(1))


def parse_loomscope(text):
    """The same from `loomscope-client load --json`; non-2xx answers count as errors, as in wrk."""
    try:
        result = json.loads(text.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None
    non2xx = sum(n for status, n in result["statusCounts"].items() if not status.startswith("2"))
    return (result["requestsPerSecond"], result["latencyMillis"]["p50"], result["latencyMillis"]["p99"],
            result["errorCount"] + non2xx, result["requests"])


def row(driver, log, scenario, round_, server, cpu_ticks, clk_tck, loadavg):
    text = Path(log).read_text(errors="replace")
    parsed = (parse_wrk(text) if driver == "wrk" else parse_h2load(text) if driver == "h2load"
              else parse_loomscope(text))
    if parsed is None:
        parsed = (0.0, math.nan, math.nan, -1, 0)  # the run produced no result: the server or driver failed
    rps, p50, p99, errors, requests = parsed
    # Server CPU per request only where the driver's requests are all of the server's work (wrk and h2load have no
    # warm-up).
    cpu_us = (int(cpu_ticks) / int(clk_tck) * 1e6 / requests) if driver in ("wrk", "h2load") and requests \
        else math.nan
    print("\t".join([scenario, round_, server, driver, f"{rps:.1f}", f"{p50:.2f}", f"{p99:.2f}", str(errors),
                     str(requests), f"{cpu_us:.1f}", loadavg]))


def read_tsv(path):
    with open(path) as f:
        return list(csv.DictReader(f, delimiter="\t"))


def med(values):
    values = [v for v in values if not math.isnan(v)]
    return statistics.median(values) if values else math.nan


def fmt(value, digits=0):
    return "–" if value is None or math.isnan(value) else f"{value:,.{digits}f}"


def ratio_median(rows, server, other, driver):
    """Median over rounds of server/other, each ratio from one round (the same minutes of the same machine)."""
    ratios = []
    for round_ in sorted({r["round"] for r in rows}):
        a = [float(r["rps"]) for r in rows if r["round"] == round_ and r["server"] == server and r["driver"] == driver]
        b = [float(r["rps"]) for r in rows if r["round"] == round_ and r["server"] == other and r["driver"] == driver]
        if a and b and b[0] > 0:
            ratios.append(a[0] / b[0])
    return (med(ratios), min(ratios), max(ratios)) if ratios else (math.nan, math.nan, math.nan)


def ratio_text(r):
    return "–" if math.isnan(r[0]) else f"{r[0]:.2f} ({r[1]:.2f}–{r[2]:.2f})"


def summary(directory):
    out = Path(directory)
    results = read_tsv(out / "results.tsv")
    servers = {(s["scenario"], s["server"]): s for s in read_tsv(out / "servers.tsv")}
    machine = (out / "machine.txt").read_text()
    driver = re.search(r"driver: (\w+)", machine).group(1)
    other = "loomscope" if driver == "wrk" else "wrk"
    print("## Machine\n")
    print("```\n" + machine.strip() + "\n```\n")
    scenarios = [s for s in ["S1", "S2", "S3"] if any(r["scenario"] == s for r in results)]
    print(f"## Servers (driver: {driver}; medians of {max(int(r['round']) for r in results)} rounds, "
          "ratios = median of per-round ratios, range in brackets)\n")
    print("h2c servers are loaded by h2load (no latency percentiles; their ÷ event loop is against vertx-h2c);"
          " loomscope-h2c's percentiles are in the h2c table below.\n")
    print("| scenario | server | req/s | of limit | p50 ms | p99 ms | errors | server CPU µs/req "
          "| ÷ event loop | ÷ recording off | peak RSS MB | threads | upstream connections |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for scenario in scenarios:
        rows = [r for r in results if r["scenario"] == scenario]
        for server in ["loomscope-rec", "loomscope-norec", "vertx", "loomscope-tuned", "loomscope-h2c", "vertx-h2c"]:
            h2c = server.endswith("-h2c")
            used = "h2load" if h2c else driver
            loop = "vertx-h2c" if h2c else "vertx"
            mine = [r for r in rows if r["server"] == server and r["driver"] == used]
            if not mine:
                continue
            rps = med([float(r["rps"]) for r in mine])
            limit = LIMITS.get(scenario)
            info = servers.get((scenario, server), {})
            print("| " + " | ".join([
                scenario, server, fmt(rps),
                f"{rps / limit:.1%}" if limit else "–",
                fmt(med([float(r["p50_ms"]) for r in mine]), 2),
                fmt(med([float(r["p99_ms"]) for r in mine]), 1),
                str(sum(int(r["errors"]) for r in mine)),
                fmt(med([float(r["cpu_us_per_req"]) for r in mine]), 1),
                ratio_text(ratio_median(rows, server, loop, used)) if server != loop else "1",
                ratio_text(ratio_median(rows, server, "loomscope-norec", driver)) if server == "loomscope-rec"
                else "÷ rec: " + ratio_text(ratio_median(rows, server, "loomscope-rec", driver))
                if server == "loomscope-tuned" else "–",
                info.get("peak_rss_mb", "–"), info.get("max_threads", "–"),
                info.get("max_upstream_conns", "–")]) + " |")
    h2c_rows = [r for r in results if r["server"] == "loomscope-h2c" and r["driver"] == "loomscope-h2c"]
    if h2c_rows:
        print("\n## loomscope over h2c, loaded by loomscope-client --protocol h2c (latency percentiles)\n")
        print("| scenario | req/s | p50 ms | p99 ms | errors |")
        print("|---|---|---|---|---|")
        for scenario in scenarios:
            mine = [r for r in h2c_rows if r["scenario"] == scenario]
            if mine:
                print("| " + " | ".join([scenario, fmt(med([float(r["rps"]) for r in mine])),
                                         fmt(med([float(r["p50_ms"]) for r in mine]), 2),
                                         fmt(med([float(r["p99_ms"]) for r in mine]), 1),
                                         str(sum(int(r["errors"]) for r in mine))]) + " |")
    print(f"\n## Load generators on loomscope `/` (recording on), same connections, same round\n")
    print(f"| scenario | wrk req/s | loomscope-client req/s | loomscope-client ÷ wrk | wrk p99 ms "
          "| loomscope-client p99 ms | errors wrk / loomscope-client |")
    print("|---|---|---|---|---|---|---|")
    for scenario in scenarios:
        rows = [r for r in results if r["scenario"] == scenario and r["server"] == "loomscope-rec"]
        by = {d: [r for r in rows if r["driver"] == d] for d in ("wrk", "loomscope")}
        if not by["wrk"] or not by["loomscope"]:
            continue
        ratios = []
        for round_ in sorted({r["round"] for r in rows}):
            w = [float(r["rps"]) for r in by["wrk"] if r["round"] == round_]
            l = [float(r["rps"]) for r in by["loomscope"] if r["round"] == round_]
            if w and l and w[0] > 0:
                ratios.append(l[0] / w[0])
        print("| " + " | ".join([
            scenario,
            fmt(med([float(r["rps"]) for r in by["wrk"]])),
            fmt(med([float(r["rps"]) for r in by["loomscope"]])),
            ratio_text((med(ratios), min(ratios), max(ratios)) if ratios else (math.nan,) * 3),
            fmt(med([float(r["p99_ms"]) for r in by["wrk"]]), 1),
            fmt(med([float(r["p99_ms"]) for r in by["loomscope"]]), 1),
            f"{sum(int(r['errors']) for r in by['wrk'])} / {sum(int(r['errors']) for r in by['loomscope'])}"]) + " |")
    small = [r for r in results if r["scenario"] == "S3-512m"]
    if small:
        r = small[0]
        info = servers.get(("S3-512m", "loomscope-512m"), {})
        gc = gc_share(out / "S3-512m-gc.log")
        print("\n## S3 with -Xmx512m, loomscope `/` (recording on)\n")
        print("| req/s | of limit | p99 ms | errors | server CPU µs/req | peak RSS MB | threads | GC pause share |")
        print("|---|---|---|---|---|---|---|---|")
        print("| " + " | ".join([fmt(float(r["rps"])), f"{float(r['rps']) / LIMITS['S3']:.1%}",
                                 fmt(float(r["p99_ms"]), 1), r["errors"], fmt(float(r["cpu_us_per_req"]), 1),
                                 info.get("peak_rss_mb", "–"), info.get("max_threads", "–"), gc]) + " |")


def gc_share(log):
    """Share of wall time in GC pauses, from the first to the last line of a -Xlog:gc log."""
    if not log.exists():
        return "–"
    pauses, first, last = 0.0, None, None
    for line in log.read_text().splitlines():
        stamp = re.match(r"\[([\d.]+)s\]", line)
        if not stamp:
            continue
        t = float(stamp.group(1))
        first = t if first is None else first
        last = t
        pause = re.search(r"Pause.* ([\d.]+)ms$", line)
        if pause:
            pauses += float(pause.group(1))
    if first is None or last == first:
        return "–"
    return f"{pauses / 1000 / (last - first):.1%}"


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "row" and len(sys.argv) == 10:
        row(*sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "summary":
        summary(sys.argv[2])
    else:
        sys.exit(__doc__)
