#!/usr/bin/env python3
"""Reads what run-benchmarks.sh measured.

  bench.py row DRIVER LOG SCENARIO ROUND SERVER CPU_TICKS CLK_TCK LOADAVG   one results.tsv line from a driver's log
  bench.py summary DIR                                                      markdown tables of medians and ratios

Ratios and differences (÷ event loop, ÷ bare Helidon, loomscope's own cost) are taken within a round, where the
servers shared the same minutes of the machine, and shown as the median over rounds with the range.
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
    """req/s, p50 ms, p99 ms, errors, timeouts, requests from `wrk --latency` output; errors include timeouts."""
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if not rps:
        return None
    pct = {m.group(1): float(m.group(2)) * UNIT_MS[m.group(3)]
           for m in re.finditer(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)}
    requests = re.search(r"(\d+) requests in", text)
    errors = timeouts = 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if socket:
        errors += sum(int(g) for g in socket.groups())
        timeouts = int(socket.group(4))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if non2xx:
        errors += int(non2xx.group(1))
    return (float(rps.group(1)), pct.get("50", math.nan), pct.get("99", math.nan), errors, timeouts,
            int(requests.group(1)))


def parse_h2load(text):
    """The same from h2load's summary; it gives no latency percentiles (NaN). Its "failed" are the requests that did
    not succeed (4xx, 5xx and network errors alike); with its timeouts they are the errors, as in wrk."""
    rps = re.search(r"^finished in [\d.]+s, ([\d.]+) req/s", text, re.M)
    done = re.search(r"^requests: \d+ total, \d+ started, (\d+) done, (\d+) succeeded, (\d+) failed, (\d+) errored,"
                     r" (\d+) timeout", text, re.M)
    if not rps or not done:
        return None
    errors = int(done.group(3)) + int(done.group(5))
    return float(rps.group(1)), math.nan, math.nan, errors, int(done.group(5)), int(done.group(1))


def parse_loomscope(text):
    """The same from `loomscope-client load --json`; non-2xx answers count as errors, as in wrk."""
    try:
        result = json.loads(text.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None
    non2xx = sum(n for status, n in result["statusCounts"].items() if not status.startswith("2"))
    latency = result.get("latencyMillis") or {}
    return (result["requestsPerSecond"], latency.get("p50", math.nan), latency.get("p99", math.nan),
            result["errorCount"] + non2xx, result["errors"].get("timeout", 0), result["requests"])


def driver_cpu(log):
    """CPU seconds (user + system) of the driver's process, from /usr/bin/time's LOG.cpu."""
    try:
        user, system = Path(log + ".cpu").read_text().split()[-2:]
        return float(user) + float(system)
    except (OSError, ValueError):
        return math.nan


def row(driver, log, scenario, round_, server, cpu_ticks, clk_tck, loadavg):
    text = Path(log).read_text(errors="replace")
    parsed = (parse_wrk(text) if driver == "wrk" else parse_h2load(text) if driver == "h2load"
              else parse_loomscope(text))
    if parsed is None:
        parsed = (0.0, math.nan, math.nan, -1, 0, 0)  # the run produced no result: the server or driver failed
    rps, p50, p99, errors, timeouts, requests = parsed
    # Server CPU per request only where the driver's requests are all of the server's work (wrk and h2load have no
    # warm-up).
    cpu_us = (int(cpu_ticks) / int(clk_tck) * 1e6 / requests) if driver in ("wrk", "h2load") and requests \
        else math.nan
    print("\t".join([scenario, round_, server, driver, f"{rps:.1f}", f"{p50:.2f}", f"{p99:.2f}", str(errors),
                     str(timeouts), str(requests), f"{cpu_us:.1f}", f"{driver_cpu(log):.2f}", loadavg]))


def read_tsv(path):
    with open(path) as f:
        return list(csv.DictReader(f, delimiter="\t"))


def med(values):
    values = [v for v in values if not math.isnan(v)]
    return statistics.median(values) if values else math.nan


def fmt(value, digits=0):
    return "–" if value is None or math.isnan(value) else f"{value:,.{digits}f}"


def spread(values, digits=0):
    """Median and range of per-round values: "1.02 (0.90–1.16)"; one value alone."""
    values = [v for v in values if not math.isnan(v)]
    if not values:
        return "–"
    if len(values) == 1:
        return fmt(values[0], digits)
    return f"{fmt(med(values), digits)} ({fmt(min(values), digits)}–{fmt(max(values), digits)})"


def per_round(rows, server, driver, column):
    """{round: value} of one server and driver."""
    return {r["round"]: float(r[column]) for r in rows if r["server"] == server and r["driver"] == driver}


def paired(a, b, combine):
    """combine(a, b) for every round both have, the same minutes of the same machine."""
    return [combine(a[k], b[k]) for k in sorted(a) if k in b and not math.isnan(a[k]) and not math.isnan(b[k])]


def ratio(x, y):
    return x / y if y > 0 else math.nan


def is_smoke(machine):
    rounds = int(re.search(r"rounds: (\d+)", machine).group(1))
    seconds = [int(s) for s in re.findall(r"seconds per cell \S+: (\d+)", machine)]
    return rounds < 3 or any(s < 10 for s in seconds)


def summary(directory):
    out = Path(directory)
    results = read_tsv(out / "results.tsv")
    servers = {(s["scenario"], s["server"]): s for s in read_tsv(out / "servers.tsv")}
    machine = (out / "machine.txt").read_text()
    rounds = max(int(r["round"]) for r in results)
    print("# Benchmark results (written by it/bench/run-benchmarks.sh)\n")
    if is_smoke(machine):
        print("**Smoke run: this proves that the script runs end to end, it is not a result.** Fewer than 3 rounds "
              "or cells shorter than 10 s, on whatever else the machine was doing; quote none of these numbers.\n")
    print("```\n" + machine.strip() + "\n```\n")
    scenarios = [s for s in ["S1", "S2", "S3"] if any(r["scenario"] == s for r in results)]
    print(f"## The three hops (wrk; medians of {rounds} round(s); ratios are per round, median (range))\n")
    print("| scenario | server | req/s | of limit | p50 ms | p99 ms | errors (timeouts) | server CPU µs/req "
          "| ÷ event loop | ÷ bare Helidon | peak RSS MB | threads |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for scenario in scenarios:
        rows = [r for r in results if r["scenario"] == scenario]
        for server in ["vertx", "bare-helidon", "loomscope", "loomscope-tuned"]:
            mine = [r for r in rows if r["server"] == server and r["driver"] == "wrk"]
            if not mine:
                continue
            rps = per_round(rows, server, "wrk", "rps")
            limit = LIMITS.get(scenario)
            info = servers.get((scenario, server), {})
            vs = lambda other: ("1" if server == other else
                                spread(paired(rps, per_round(rows, other, "wrk", "rps"), ratio), 2))
            answered = sum(int(r["requests"]) for r in mine)
            print("| " + " | ".join([
                scenario, server, spread(list(rps.values())) if answered else "none answered in the run",
                f"{med(list(rps.values())) / limit:.1%}" if limit else "–",
                fmt(med([float(r["p50_ms"]) for r in mine]), 2),
                fmt(med([float(r["p99_ms"]) for r in mine]), 1),
                f"{sum(int(r['errors']) for r in mine)} ({sum(int(r['timeouts']) for r in mine)})",
                spread(list(per_round(rows, server, "wrk", "cpu_us_per_req").values()), 1),
                vs("vertx"), vs("bare-helidon"),
                info.get("peak_rss_mb", "–"), info.get("max_threads", "–")]) + " |")
    h2c(results, servers, scenarios)
    print("\n## loomscope's own cost: loomscope minus bare Helidon, server CPU per request, per round\n")
    print("| scenario | loomscope µs/req | bare Helidon µs/req | own cost µs/req | own cost ÷ loomscope's hop "
          "| event loop µs/req |")
    print("|---|---|---|---|---|---|")
    for scenario in scenarios:
        rows = [r for r in results if r["scenario"] == scenario]
        loom = per_round(rows, "loomscope", "wrk", "cpu_us_per_req")
        bare = per_round(rows, "bare-helidon", "wrk", "cpu_us_per_req")
        print("| " + " | ".join([
            scenario, spread(list(loom.values()), 1), spread(list(bare.values()), 1),
            spread(paired(loom, bare, lambda a, b: a - b), 1),
            spread([100 * v for v in paired(loom, bare, lambda a, b: (a - b) / a if a > 0 else math.nan)], 0) + " %",
            spread(list(per_round(rows, "vertx", "wrk", "cpu_us_per_req").values()), 1)]) + " |")
    print("\n## Load generators: loomscope-client against wrk, same target, same connections, same round\n")
    print("| scenario | target | wrk req/s | loomscope-client req/s | ÷ wrk | wrk p99 ms | loomscope-client p99 ms "
          "| errors wrk / loomscope-client | driver CPU s, wrk / loomscope-client (incl. its JVM start and warm-up) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for scenario in scenarios + (["G"] if any(r["scenario"] == "G" for r in results) else []):
        rows = [r for r in results if r["scenario"] == scenario and r["server"] == "loomscope"]
        by = {d: [r for r in rows if r["driver"] == d] for d in ("wrk", "loomscope")}
        if not by["wrk"] or not by["loomscope"]:
            continue
        target = "`/upstream?bytes=64`, 64 conns" if scenario == "G" else "loomscope `/`"
        print("| " + " | ".join([
            scenario, target,
            fmt(med([float(r["rps"]) for r in by["wrk"]])),
            fmt(med([float(r["rps"]) for r in by["loomscope"]])),
            spread(paired(per_round(rows, "loomscope", "loomscope", "rps"), per_round(rows, "loomscope", "wrk", "rps"),
                          ratio), 2),
            fmt(med([float(r["p99_ms"]) for r in by["wrk"]]), 1),
            fmt(med([float(r["p99_ms"]) for r in by["loomscope"]]), 1),
            f"{sum(int(r['errors']) for r in by['wrk'])} / {sum(int(r['errors']) for r in by['loomscope'])}",
            f"{fmt(med([float(r['driver_cpu_s']) for r in by['wrk']]), 1)} / "
            f"{fmt(med([float(r['driver_cpu_s']) for r in by['loomscope']]), 1)}"]) + " |")
    small = [r for r in results if r["scenario"] == "S3-512m"]
    if small:
        r = small[0]
        info = servers.get(("S3-512m", "loomscope-512m"), {})
        gc = gc_share(out / "S3-512m-gc.log")
        print("\n## S3 with -Xmx512m, loomscope `/` (recording on)\n")
        print("| req/s | of limit | p99 ms | errors (timeouts) | server CPU µs/req | peak RSS MB | threads "
              "| GC pause share |")
        print("|---|---|---|---|---|---|---|---|")
        print("| " + " | ".join([fmt(float(r["rps"])), f"{float(r['rps']) / LIMITS['S3']:.1%}",
                                 fmt(float(r["p99_ms"]), 1), f"{r['errors']} ({r['timeouts']})",
                                 fmt(float(r["cpu_us_per_req"]), 1),
                                 info.get("peak_rss_mb", "–"), info.get("max_threads", "–"), gc]) + " |")


def h2c(results, servers, scenarios):
    """The h2c cells: loomscope (its upstream calls over h2c too) and the Vert.x hop over h2c, loaded by h2load at the
    same requests in flight as the HTTP/1.1 cells, next to their HTTP/1.1 numbers of the same rounds; then
    loomscope-client --protocol h2c on loomscope-h2c, for the latency percentiles h2load does not give."""
    if not any(r["server"].endswith("-h2c") for r in results):
        return
    print("\n## h2c next to HTTP/1.1 (h2load for h2c, wrk for HTTP/1.1; same rounds; ratios per round, median (range))\n")
    print("| scenario | server | protocol | req/s | errors (timeouts) | server CPU µs/req | ÷ event loop, same protocol "
          "| ÷ itself on HTTP/1.1 | peak RSS MB | threads | most upstream connections |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for scenario in scenarios:
        rows = [r for r in results if r["scenario"] == scenario]
        if not any(r["server"].endswith("-h2c") for r in rows):
            continue
        for server, driver, loop, http1 in [("vertx", "wrk", "vertx", None), ("loomscope", "wrk", "vertx", None),
                                            ("vertx-h2c", "h2load", "vertx-h2c", "vertx"),
                                            ("loomscope-h2c", "h2load", "vertx-h2c", "loomscope")]:
            mine = [r for r in rows if r["server"] == server and r["driver"] == driver]
            if not mine:
                continue
            rps = per_round(rows, server, driver, "rps")
            info = servers.get((scenario, server), {})
            other = "h2load" if loop.endswith("-h2c") else "wrk"
            print("| " + " | ".join([
                scenario, server, "h2c" if driver == "h2load" else "HTTP/1.1", spread(list(rps.values())),
                f"{sum(int(r['errors']) for r in mine)} ({sum(int(r['timeouts']) for r in mine)})",
                spread(list(per_round(rows, server, driver, "cpu_us_per_req").values()), 1),
                "1" if server == loop else spread(paired(rps, per_round(rows, loop, other, "rps"), ratio), 2),
                "–" if http1 is None else spread(paired(rps, per_round(rows, http1, "wrk", "rps"), ratio), 2),
                info.get("peak_rss_mb", "–"), info.get("max_threads", "–"),
                info.get("max_upstream_conns", "–")]) + " |")
    latency = [r for r in results if r["server"] == "loomscope-h2c" and r["driver"] == "loomscope-h2c"]
    if latency:
        print("\n### loomscope over h2c, loaded by loomscope-client --protocol h2c (latency percentiles)\n")
        print("| scenario | req/s | ÷ h2load's rate, same target and round | p50 ms | p99 ms | errors (timeouts) |")
        print("|---|---|---|---|---|---|")
        for scenario in scenarios:
            mine = [r for r in latency if r["scenario"] == scenario]
            if mine:
                rows = [r for r in results if r["scenario"] == scenario]
                versus = paired(per_round(rows, "loomscope-h2c", "loomscope-h2c", "rps"),
                                per_round(rows, "loomscope-h2c", "h2load", "rps"), ratio)
                print("| " + " | ".join([scenario, fmt(med([float(r["rps"]) for r in mine])), spread(versus, 2),
                                         fmt(med([float(r["p50_ms"]) for r in mine]), 2),
                                         fmt(med([float(r["p99_ms"]) for r in mine]), 1),
                                         f"{sum(int(r['errors']) for r in mine)} "
                                         f"({sum(int(r['timeouts']) for r in mine)})"]) + " |")


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
