package dev.loomscope.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one duration grammar of both tools: a number with a unit ({@code 500us}, {@code 20ms}, {@code 1.5s},
 * {@code 2m}, {@code 1h}; units ns, us, ms, s, m, h) or ISO-8601 ({@code PT30S}).
 *
 * <p>A bare number is refused: {@code 20} could mean 20 ms or 20 s, and a limit off by a factor of 1000 passes
 * silently.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of("ns", 1L, "us", 1_000L, "ms", 1_000_000L,
                                                                   "s", 1_000_000_000L, "m", 60_000_000_000L,
                                                                   "h", 3_600_000_000_000L);

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** The duration {@code value} spells; a {@link TypeConversionException} naming it when it spells none. */
    public static Duration parse(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("p")) {
            return iso(value, text);
        }
        Matcher matcher = WITH_UNIT.matcher(text);
        if (matcher.matches()) {
            try {
                BigDecimal nanos = new BigDecimal(matcher.group(1))
                        .multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(matcher.group(2))));
                return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
            } catch (ArithmeticException e) {
                throw invalid(value);
            }
        }
        if (BARE_NUMBER.matcher(text).matches()) {
            throw new TypeConversionException("'" + value + "' has no unit, write e.g. " + text + "s or " + text
                                              + "ms (units: ns, us, ms, s, m, h)");
        }
        throw invalid(value);
    }

    /** The shortest exact spelling in this grammar: {@code 20ms}, {@code 1s}, {@code 1500us}; zero is {@code 0ms}. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0ms";
        }
        if (nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        return nanos % 1_000L == 0 ? nanos / 1_000L + "us" : nanos + "ns";
    }

    private static Duration iso(String value, String text) {
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative()) {
                throw invalid(value);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw invalid(value);
        }
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException("'" + value + "' is not a duration, use e.g. 30s, 500ms, 2m or PT30S");
    }
}
