package dev.loomscope.client.load;

import java.time.Duration;
import java.util.Locale;

/** Number formats shared by the progress line and the result table. */
final class Formats {

    private Formats() {
    }

    /** Microseconds as milliseconds with enough digits to compare: {@code 0.412 ms}, {@code 12.3 ms}. */
    static String millis(long micros) {
        double millis = micros / 1000.0;
        if (millis < 10) {
            return String.format(Locale.ROOT, "%.3f ms", millis);
        }
        if (millis < 1000) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        return String.format(Locale.ROOT, "%.0f ms", millis);
    }

    /** A rate: {@code 23456.7}. */
    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** A duration the way it was probably typed: {@code 15 s}, {@code 500 ms}, {@code 2.5 s}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }
}
