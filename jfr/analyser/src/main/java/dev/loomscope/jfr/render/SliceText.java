package dev.loomscope.jfr.render;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.loomscope.jfr.analysis.Formats;
import dev.loomscope.jfr.analysis.Report;
import dev.loomscope.jfr.analysis.Slices;

/** The text of the slices section: carriers, virtual threads, scheduler, invariants and the request join. */
final class SliceText {

    private static final String LABEL = "  %-17s";
    private static final String BARS = " ▁▂▃▄▅▆▇█";

    private SliceText() {
    }

    /** The slices line of a recording whose recorder said it was on, yet holds no slice. */
    static void noneWhileOn(Report.Recorder recorder, PrintWriter out) {
        line(out, "slices", "none, although the loomscope recorder was on (" + recorder.reason() + ")");
    }

    /** The recorder's status when it said it was off. */
    static void recorder(Report.Recorder recorder, PrintWriter out) {
        line(out, "recorder", "off: " + recorder.reason()
                + (recorder.javaVersion() == null ? "" : " (JDK " + recorder.javaVersion() + ")")
                + "; slices and wake-ups were not recorded while it was off");
    }

    /** The section; {@code jdkFeature} (null when unknown) says where that JDK runs its I/O pollers. */
    static void render(Slices slices, Integer jdkFeature, PrintWriter out) {
        line(out, "slices", count(slices.count()) + " on " + plural(slices.carriers().size(), "carrier") + ", "
                + plural(slices.virtualThreads().count(), "virtual thread") + ", " + Formats.millis(slices.busyMillis())
                + " mounted; ended " + counts(slices.byEnd()));
        invariants(slices.invariants(), out);
        line(out, "  per carrier", "busy share per " + seconds(slices.bucketMillis())
                + " from the recording's start, then over the whole recording");
        for (Slices.Carrier carrier : slices.carriers()) {
            out.printf(Locale.ROOT, "    %-26s %s busy %s, %s, %s, longest %s%s%n",
                       carrier.name(), bars(carrier.busyOverTime()), Formats.percent(carrier.busyShare()),
                       plural(carrier.slices(), "slice"), plural(carrier.virtualThreads(), "virtual thread"),
                       Formats.millis(carrier.longestSliceMillis()),
                       carrier.pinnedMillis() > 0 ? ", pinned " + Formats.millis(carrier.pinnedMillis()) : "");
        }
        Slices.VirtualThreads threads = slices.virtualThreads();
        line(out, "  migrations", count(threads.migrations()) + " (" + Formats.percent(threads.migrationShare())
                + " of consecutive slices of one thread changed carrier)");
        line(out, "  most slices", threads.top().stream().limit(3)
                .map(t -> (t.name().isEmpty() ? "#" + t.javaThreadId() : t.name()) + " "
                          + plural(t.slices(), "slice") + " on " + plural(t.carriers(), "carrier"))
                .collect(Collectors.joining("; ")));
        scheduler(slices.scheduler(), jdkFeature, out);
        if (slices.requests() != null) {
            requests(slices.requests(), out);
        }
    }

    private static void invariants(Slices.Invariants invariants, PrintWriter out) {
        if (invariants.holds()) {
            line(out, "  invariants", "hold: no carrier ran two slices at once, no virtual thread was on two"
                    + " carriers at once");
            return;
        }
        line(out, "  RECORDER BUG", "invariants broken: " + count(invariants.carrierOverlaps())
                + " overlapping slices on one carrier, " + count(invariants.virtualThreadOverlaps())
                + " of one virtual thread on two carriers at once; the recording is wrong, not the program."
                + " First:");
        for (String example : invariants.examples()) {
            out.println("    " + example);
        }
    }

    private static void scheduler(Slices.Scheduler scheduler, Integer jdkFeature, PrintWriter out) {
        line(out, "  wake-ups", count(scheduler.wakeups()) + ": " + counts(scheduler.bySource())
                + (scheduler.unmatchedWakeups() > 0
                   ? "; " + count(scheduler.unmatchedWakeups()) + " with no later slice in the recording" : ""));
        if (scheduler.readyDelayMillis() == null) {
            line(out, "  ready delay", "unknown: no wake-up is followed by a slice of its thread");
        } else {
            line(out, "  ready delay", TextRenderer.latency(scheduler.readyDelayMillis())
                    + " (wake-up to mount: the wait for a free carrier)");
            line(out, "  delay p99", "per bucket: " + scheduler.readyDelayOverTime().stream()
                    .map(l -> l == null ? "-" : Formats.millis(l.p99())).collect(Collectors.joining(", ")));
        }
        Slices.Pollers pollers = scheduler.pollers();
        if (!pollers.threads().isEmpty()) {
            line(out, "  pollers", String.join(", ", pollers.threads()) + ": " + count(pollers.slices())
                    + " slices, " + Formats.millis(pollers.busyMillis()) + ", " + Formats.percent(pollers.shareOfBusy())
                    + " of carrier time; the JDK's I/O pollers are virtual threads here (JDK 22+) and run on the"
                    + " same carriers");
        } else if (jdkFeature != null && jdkFeature <= 21) {
            line(out, "  pollers", "none on the carriers: JDK " + jdkFeature + " runs its I/O pollers (Read-Poller,"
                    + " Write-Poller) on platform threads of their own");
        }
    }

    private static void requests(Slices.Requests requests, PrintWriter out) {
        line(out, "  request hops", count(requests.count()) + " requests, " + count(requests.withSlices())
                + " with slices; hops " + spread(requests.hops()) + "; carriers " + spread(requests.carriers()));
        line(out, "    mounted", TextRenderer.latency(requests.mountedMillis()));
        line(out, "    waiting", TextRenderer.latency(requests.waitingMillis()));
        for (Slices.RequestHops hops : requests.examples()) {
            out.printf(Locale.ROOT, "    request %d %s %s: %s hops on %s; mounted %s, waiting %s%n",
                       hops.requestId(), hops.path(), Formats.millis(hops.durationMillis()), count(hops.hops()),
                       hops.carriers().isEmpty() ? "no carrier" : String.join(", ", hops.carriers()),
                       Formats.millis(hops.mountedMillis()), Formats.millis(hops.waitingMillis()));
        }
    }

    private static String spread(Slices.Spread spread) {
        return String.format(Locale.ROOT, "p50 %s, p90 %s, p99 %s, max %s", Formats.decimal(spread.p50(), 0),
                             Formats.decimal(spread.p90(), 0), Formats.decimal(spread.p99(), 0),
                             Formats.decimal(spread.max(), 0));
    }

    /** Busy shares 0..1 as bars, one character per bucket. */
    static String bars(List<Double> shares) {
        StringBuilder bars = new StringBuilder();
        for (double share : shares) {
            int level = (int) Math.ceil(share * (BARS.length() - 1));
            bars.append(BARS.charAt(Math.max(0, Math.min(BARS.length() - 1, level))));
        }
        return "|" + bars + "|";
    }

    private static String counts(Map<String, Long> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
                .map(entry -> entry.getKey() + " " + count(entry.getValue())).collect(Collectors.joining(", "));
    }

    private static String seconds(double millis) {
        return millis >= 1000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000) : Formats.millis(millis);
    }

    private static String plural(long n, String what) {
        return count(n) + " " + what + (n == 1 ? "" : "s");
    }

    private static String count(long n) {
        return Formats.count(n);
    }

    private static void line(PrintWriter out, String label, String text) {
        out.printf(Locale.ROOT, LABEL + "%s%n", label, text);
    }
}
