package dev.loomscope.jfr.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import dev.loomscope.cli.DurationConverter;
import dev.loomscope.jfr.analysis.Report;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A limit on one percentile of the ready-to-mount delay, written {@code p99=5ms}: the percentiles are those the
 * report gives (p50, p90, p99, p99.9, max), the duration in the tools' one grammar.
 *
 * @param name  the percentile as written in the report: p50, p90, p99, p99.9 or max
 * @param limit the most it may be
 */
record DelayLimit(String name, Duration limit) {

    private static final String PERCENTILES = "p50, p90, p99, p99.9 or max";

    /** The percentile's value, in milliseconds, of {@code latency}. */
    double of(Report.Latency latency) {
        return percentile(name).applyAsDouble(latency);
    }

    private static ToDoubleFunction<Report.Latency> percentile(String name) {
        return switch (name) {
            case "p50" -> Report.Latency::p50;
            case "p90" -> Report.Latency::p90;
            case "p99" -> Report.Latency::p99;
            case "p99.9" -> Report.Latency::p999;
            case "max" -> Report.Latency::max;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return name + "=" + DurationConverter.format(limit);
    }

    /** Reads {@code p99=5ms}; anything else is a usage error naming the form. */
    static final class Converter implements ITypeConverter<DelayLimit> {

        @Override
        public DelayLimit convert(String value) {
            int equals = value.indexOf('=');
            if (equals < 0) {
                throw new TypeConversionException("'" + value + "' is not PERCENTILE=DURATION, write e.g. p99=5ms");
            }
            String name = value.substring(0, equals).trim().toLowerCase(Locale.ROOT);
            if (name.equals("p999")) {
                name = "p99.9";
            }
            if (percentile(name) == null) {
                throw new TypeConversionException("'" + value.substring(0, equals) + "' is not a percentile the"
                                                  + " report gives; use " + PERCENTILES + ", e.g. p99=5ms");
            }
            return new DelayLimit(name, DurationConverter.parse(value.substring(equals + 1).trim()));
        }
    }
}
