package dev.loomscope.client.load;

import java.util.Locale;

/** The one-line report printed every second while a load runs. */
final class ProgressLine {

    private ProgressLine() {
    }

    static String format(Progress progress) {
        return String.format(Locale.ROOT, "%5ds %10s req/s   p50 %10s   p99 %10s   errors %d   in flight %d%s%s",
                             progress.second(),
                             Formats.rate(progress.requestsPerSecond()),
                             Formats.millis(progress.p50Micros()),
                             Formats.millis(progress.p99Micros()),
                             progress.errors(),
                             progress.inFlight(),
                             progress.behind() > 0 ? "   behind " + progress.behind() : "",
                             progress.warmup() ? "   (warm-up)" : "");
    }
}
