package dev.loomscope.jfr.render;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.loomscope.jfr.analysis.Analysis;
import dev.loomscope.jfr.analysis.Report;

/** Writes an {@link Analysis} for people: one block per file, then the combined block when there are several. */
public final class TextRenderer {

    private static final String LABEL = "  %-17s";
    /** Pin groups shown, longest total first; JSON has them all. */
    private static final int PIN_GROUPS = 10;

    /** What each section needs when the recording lacks it, keyed by the section names of {@link Report#missing()}. */
    static final Map<String, String> NEEDS = Map.of(
            Report.CARRIERS, "needs loomscope.ServerRequest or loomscope.ClientCall events, or jdk.VirtualThreadPinned"
                             + " from JDK 24 on (record with loomscope.jfc)",
            Report.VIRTUAL_THREADS, "needs jdk.VirtualThreadStart and jdk.VirtualThreadEnd events, which the JDK's"
                                    + " default settings leave off (record with loomscope.jfc)",
            Report.REQUESTS, "needs loomscope.ServerRequest events (record with loomscope.jfc)",
            Report.CLIENT_CALLS, "needs loomscope.ClientCall events (record with loomscope.jfc)",
            Report.PINNING, "needs jdk.VirtualThreadPinned events (record with loomscope.jfc)",
            Report.SUBMIT_FAILURES, "needs jdk.VirtualThreadSubmitFailed events (record with loomscope.jfc)");

    public void render(Analysis analysis, PrintWriter out) {
        for (Report report : analysis.recordings()) {
            render(report, "", out);
        }
        if (analysis.recordings().size() > 1) {
            render(analysis.combined(), "combined: ", out);
        }
        out.flush();
    }

    private void render(Report report, String title, PrintWriter out) {
        out.println(title + String.join(", ", report.sources()));
        Report.RecordingFacts facts = report.recording();
        line(out, "recording", "JDK " + (facts.jdk() == null ? "unknown" : facts.jdk()) + ", "
                + (facts.start() == null ? "no events" : facts.start() + ", " + seconds(facts.durationMillis()))
                + (facts.loomscopeEvents() ? ", with loomscope events" : ", no loomscope events"));
        if (facts.unfinishedChunks() > 0) {
            line(out, "unfinished", "the file was copied while the JVM was still writing it: events after its last"
                    + " flush are missing (copy it again after the recording stops)");
        }
        if (!facts.undeclaredTypes().isEmpty()) {
            long events = facts.undeclaredTypes().values().stream().mapToLong(Long::longValue).sum();
            line(out, "skipped", count(events) + (events == 1 ? " event" : " events") + " of undeclared type "
                    + facts.undeclaredTypes().keySet().stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " (missing metadata, as in an emergency dump; jfr summary lists them too)");
        }
        line(out, "verdict", report.verdict());
        carriers(report, out);
        virtualThreads(report, out);
        requests(report, out);
        clientCalls(report, out);
        pinning(report, out);
        if (report.submitFailures() != null) {
            line(out, "submit failures", count(report.submitFailures().count()));
        } else {
            missing(out, Report.SUBMIT_FAILURES, "submit failures");
        }
        out.println();
    }

    private void carriers(Report report, PrintWriter out) {
        Report.Carriers carriers = report.carriers();
        if (carriers == null) {
            missing(out, Report.CARRIERS, "carriers");
            return;
        }
        line(out, "carriers", count(carriers.count())
                + (carriers.parallelism() == null ? "" : " (scheduler parallelism " + carriers.parallelism() + ")"));
        for (Report.CarrierUse use : carriers.perCarrier()) {
            out.printf(Locale.ROOT, "    %-28s requests started %s, ended %s; calls started %s, resumed %s%n",
                       use.name(), count(use.requestStarts()), count(use.requestEnds()), count(use.callStarts()),
                       count(use.callResumes()));
        }
    }

    private void virtualThreads(Report report, PrintWriter out) {
        Report.VirtualThreads threads = report.virtualThreads();
        if (threads == null) {
            missing(out, Report.VIRTUAL_THREADS, "virtual threads");
            return;
        }
        line(out, "virtual threads", count(threads.started()) + " started, " + count(threads.ended()) + " ended, "
                + count(threads.aliveAtEnd()) + " alive at the end, at most " + count(threads.peakAlive())
                + " alive at once");
        if (threads.loomscopeStarted() > 0) {
            line(out, "  loomscope-...", count(threads.loomscopeStarted()) + " started, "
                    + count(threads.loomscopeAliveAtEnd()) + " alive at the end");
        }
    }

    private void requests(Report report, PrintWriter out) {
        Report.Requests requests = report.requests();
        if (requests == null) {
            missing(out, Report.REQUESTS, "requests");
            return;
        }
        line(out, "requests", count(requests.count()) + " (" + count(requests.onVirtualThreads())
                + " on virtual threads) on " + count(requests.handlerThreads()) + " handler threads, at most "
                + count(requests.maxInFlightPerHandlerThread()) + " at once per handler thread");
        line(out, "  in flight", "at most " + count(requests.peakInFlight()) + " at once"
                + (requests.multiplexingRatio() == null ? ""
                   : ", " + number(requests.multiplexingRatio()) + " per carrier"));
        line(out, "  by path", counts(requests.byPath()));
        line(out, "  by status", counts(requests.byStatus()));
        line(out, "  latency", latency(requests.latencyMillis()));
    }

    private void clientCalls(Report report, PrintWriter out) {
        Report.ClientCalls calls = report.clientCalls();
        if (calls == null) {
            missing(out, Report.CLIENT_CALLS, "client calls");
            return;
        }
        line(out, "client calls", count(calls.count()) + "; " + count(calls.onHandlerThread()) + " ("
                + percent(calls.onHandlerThreadShare()) + ") on the handler's own thread; "
                + count(calls.resumedOnOtherCarrier()) + " (" + percent(calls.resumedOnOtherCarrierShare())
                + ") resumed on another carrier");
        line(out, "  by outcome", counts(calls.byOutcome()));
        line(out, "  latency", latency(calls.latencyMillis()));
    }

    private void pinning(Report report, PrintWriter out) {
        Report.Pinning pinning = report.pinning();
        if (pinning == null) {
            missing(out, Report.PINNING, "pinning");
            return;
        }
        if (pinning.count() == 0) {
            line(out, "pinning", "none");
            return;
        }
        line(out, "pinning", pins(pinning.count()) + ", " + millis(pinning.totalMillis()) + " in total, longest "
                + millis(pinning.maxMillis()));
        List<Report.PinGroup> groups = pinning.groups();
        for (Report.PinGroup group : groups.subList(0, Math.min(groups.size(), PIN_GROUPS))) {
            out.printf(Locale.ROOT, "    %s: %s, %s in total, longest %s%n", group.topFrame(),
                       pins(group.count()), millis(group.totalMillis()), millis(group.maxMillis()));
            detail(out, "reason", group.reasons());
            detail(out, "blocking", group.blockingOperations());
            detail(out, "carriers", group.carriers());
        }
        if (groups.size() > PIN_GROUPS) {
            out.printf(Locale.ROOT, "    ... %s more places (all of them with --format json)%n",
                       count(groups.size() - PIN_GROUPS));
        }
    }

    private static void detail(PrintWriter out, String label, List<String> values) {
        if (!values.isEmpty()) {
            out.printf(Locale.ROOT, "      %-9s %s%n", label, String.join("; ", values));
        }
    }

    private static void missing(PrintWriter out, String section, String label) {
        line(out, label, NEEDS.get(section));
    }

    private static void line(PrintWriter out, String label, String text) {
        out.printf(Locale.ROOT, LABEL + "%s%n", label, text);
    }

    private static String latency(Report.Latency latency) {
        return String.format(Locale.ROOT, "p50 %s, p90 %s, p99 %s, p99.9 %s, max %s", millis(latency.p50()),
                             millis(latency.p90()), millis(latency.p99()), millis(latency.p999()),
                             millis(latency.max()));
    }

    private static String counts(Map<String, Long> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
                .map(entry -> entry.getKey() + " " + count(entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String pins(long n) {
        return count(n) + (n == 1 ? " pin" : " pins");
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? count((long) value) : String.format(Locale.ROOT, "%,.2f", value);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    private static String millis(double millis) {
        return String.format(Locale.ROOT, millis >= 100 ? "%,.0f ms" : "%.1f ms", millis);
    }

    private static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000);
    }
}
