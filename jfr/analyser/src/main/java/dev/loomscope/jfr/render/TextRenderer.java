package dev.loomscope.jfr.render;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import java.util.function.Function;

import dev.loomscope.jfr.analysis.Analysis;
import dev.loomscope.jfr.analysis.Formats;
import dev.loomscope.jfr.analysis.JdkVersion;
import dev.loomscope.jfr.analysis.PinMethods;
import dev.loomscope.jfr.analysis.Report;
import dev.loomscope.jfr.analysis.Section;

/** Writes an {@link Analysis} for people: one block per file, then the combined block when there are several. */
public final class TextRenderer {

    private static final String LABEL = "  %-17s";
    /** Pin groups shown, longest total first; JSON has them all. */
    private static final int PIN_GROUPS = 10;

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
        if (facts.readerNote() != null) {
            line(out, "reader", "the JDK's RecordingFile (" + facts.readerNote() + ")");
        }
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
        for (Section section : Section.values()) {
            if (section == Section.SLICES && report.recorder() != null && report.recorder().off()) {
                SliceText.recorder(report.recorder(), out);
            }
            if (section.of(report) == null) {
                if (section == Section.SLICES && report.recorder() != null) {
                    if (!report.recorder().off()) {
                        SliceText.noneWhileOn(report.recorder(), out);
                    }
                } else if (section == Section.CARRIERS && report.slices() != null) {
                    // The recorder saw every carrier: say so rather than ask for loomscope's own events.
                    line(out, "carriers", count(report.slices().carriers().size()) + " running the recorder's slices"
                            + " (see slices)");
                } else if (report.missing().contains(section.key())) {
                    missing(out, report, section);
                }
                continue;
            }
            switch (section) {
                case CARRIERS -> carriers(report, out);
                case VIRTUAL_THREADS -> virtualThreads(report, out);
                case REQUESTS -> requests(report, out);
                case CLIENT_CALLS -> clientCalls(report, out);
                case PINNING -> pinning(report, out);
                case SUBMIT_FAILURES -> line(out, section.label(), count(report.submitFailures().count()));
                case CONNECTIONS -> ConnectionModelsText.lines(report.connections()).forEach((l, t) -> line(out, l, t));
                case SLICES -> SliceText.render(report.slices(), JdkVersion.feature(report.recording().jdk()), out);
            }
        }
        out.println();
    }

    private void carriers(Report report, PrintWriter out) {
        Report.Carriers carriers = report.carriers();
        boolean requests = report.requests() != null;
        boolean calls = report.clientCalls() != null;
        String parallelism = carriers.parallelism() == null ? ""
                : " (scheduler parallelism " + carriers.parallelism() + ")";
        if (!requests && !calls && report.slices() != null) {
            line(out, "carriers", count(report.slices().carriers().size()) + " running the recorder's slices"
                    + parallelism + " (see slices)");
            return;
        }
        if (!requests && !calls) {
            // Only pin events name carriers here: others may have run and pinned nothing.
            line(out, "carriers", count(carriers.count()) + " seen in pin events" + parallelism + ": "
                    + carriers.perCarrier().stream().map(Report.CarrierUse::name).collect(Collectors.joining(", ")));
            return;
        }
        line(out, "carriers", count(carriers.count()) + parallelism);
        for (Report.CarrierUse use : carriers.perCarrier()) {
            String requestPart = "requests started " + count(use.requestStarts()) + ", ended "
                                 + count(use.requestEnds());
            String callPart = "calls started " + count(use.callStarts()) + ", resumed " + count(use.callResumes());
            out.printf(Locale.ROOT, "    %-28s %s%n", use.name(), requests && calls ? requestPart + "; " + callPart
                    : requests ? requestPart : callPart);
        }
    }

    private void virtualThreads(Report report, PrintWriter out) {
        Report.VirtualThreads threads = report.virtualThreads();
        if (threads.started() == null || threads.ended() == null) {
            line(out, "virtual threads", threads.started() == null
                    ? count(threads.ended()) + " ended; starts were not recorded (jdk.VirtualThreadStart off),"
                      + " so nothing is known of threads alive"
                    : count(threads.started()) + " started; ends were not recorded (jdk.VirtualThreadEnd off),"
                      + " so nothing is known of threads alive");
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
        line(out, "client calls", count(calls.count()) + "; " + count(calls.onHandlerThread()) + " ("
                + percent(calls.onHandlerThreadShare()) + ") on the handler's own thread; "
                + count(calls.resumedOnOtherCarrier()) + " (" + percent(calls.resumedOnOtherCarrierShare())
                + ") resumed on another carrier");
        line(out, "  by outcome", counts(calls.byOutcome()));
        line(out, "  latency", latency(calls.latencyMillis()));
    }

    private void pinning(Report report, PrintWriter out) {
        Report.Pinning pinning = report.pinning();
        if (pinning.count() == 0) {
            line(out, "pinning", pinning.threshold() == null ? "none"
                    : "no pin of " + pinning.threshold() + " or more (this recording's threshold)");
            return;
        }
        line(out, "pinning", pins(pinning.count()) + " on " + Formats.counted(pinning.threads(), "virtual thread")
                + ", " + millis(pinning.totalMillis()) + " in total, longest "
                + millis(pinning.maxMillis())
                + (pinning.threshold() == null ? "" : " (pins under " + pinning.threshold() + " not recorded)"));
        // By method, lines under it, as jfr view pinned-threads groups them.
        List<PinMethods.PinMethod> methods = PinMethods.of(pinning.groups());
        for (PinMethods.PinMethod method : methods.subList(0, Math.min(methods.size(), PIN_GROUPS))) {
            List<Report.PinGroup> lines = method.lines();
            out.printf(Locale.ROOT, "    %s: %s, %s in total, longest %s%n",
                       lines.size() == 1 ? lines.get(0).topFrame() : method.method(),
                       pins(method.count()), millis(method.totalMillis()), millis(method.maxMillis()));
            if (lines.size() > 1) {
                out.printf(Locale.ROOT, "      %-9s %s%n", "lines", lines.stream()
                        .map(g -> PinMethods.line(g.topFrame()) + " (" + millis(g.totalMillis()) + ")")
                        .collect(Collectors.joining(", ")));
            }
            detail(out, "reason", distinct(lines, Report.PinGroup::reasons));
            detail(out, "blocking", distinct(lines, Report.PinGroup::blockingOperations));
            detail(out, "carriers", distinct(lines, Report.PinGroup::carriers));
        }
        if (methods.size() > PIN_GROUPS) {
            out.printf(Locale.ROOT, "    ... %s more methods (every line with --format json)%n",
                       count(methods.size() - PIN_GROUPS));
        }
    }

    private static List<String> distinct(List<Report.PinGroup> lines,
                                         Function<Report.PinGroup, List<String>> values) {
        return lines.stream().flatMap(g -> values.apply(g).stream()).distinct().toList();
    }

    private static void detail(PrintWriter out, String label, List<String> values) {
        if (!values.isEmpty()) {
            out.printf(Locale.ROOT, "      %-9s %s%n", label, String.join("; ", values));
        }
    }

    private static void missing(PrintWriter out, Report report, Section section) {
        Integer feature = JdkVersion.feature(report.recording().jdk());
        line(out, section.label(), section.virtualThreadEvents() && JdkVersion.withoutVirtualThreads(feature)
                ? "JDK " + feature + " has no virtual threads (they are final from JDK " + JdkVersion.VIRTUAL_THREADS
                  + ")"
                : section.needs());
    }

    private static void line(PrintWriter out, String label, String text) {
        out.printf(Locale.ROOT, LABEL + "%s%n", label, text);
    }

    static String latency(Report.Latency latency) {
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
        return Formats.count(n);
    }

    private static String number(double value) {
        return Formats.decimal(value, 2);
    }

    private static String percent(double share) {
        return Formats.percent(share);
    }

    private static String millis(double millis) {
        return Formats.millis(millis);
    }

    private static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000);
    }
}
