package dev.loomscope.jfr.analysis;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** The one way the verdict, the text report and check write counts, shares and durations. */
public final class Formats {

    private static final MathContext TWO_DIGITS = new MathContext(2);

    private Formats() {
    }

    /** 1,234 */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A share of 0..1 as a whole percent; never "0%" for a share above 0 nor "100%" below 1. */
    public static String percent(double share) {
        long rounded = Math.round(share * 100);
        if (rounded == 0 && share > 0) {
            return "under 1%";
        }
        if (rounded == 100 && share < 1) {
            return "over 99%";
        }
        return rounded + "%";
    }

    /** Milliseconds: whole from 100, one decimal from 1, two significant digits below (0.015 ms, not 0.0 ms). */
    public static String millis(double millis) {
        if (millis >= 100) {
            return String.format(Locale.ROOT, "%,.0f ms", millis);
        }
        if (millis >= 1) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        if (millis <= 0) {
            return "0 ms";
        }
        return new BigDecimal(millis).round(TWO_DIGITS).stripTrailingZeros().toPlainString() + " ms";
    }

    /** A count or a ratio: whole numbers without decimals. */
    public static String decimal(double value, int digits) {
        return value == Math.rint(value) ? count((long) value)
                : String.format(Locale.ROOT, "%,." + digits + "f", value);
    }

    /** "100 virtual threads", "1 virtual thread": a count of things named in the singular, made plural. */
    public static String counted(long n, String singular) {
        return count(n) + " " + singular + (n == 1 ? "" : "s");
    }
}
