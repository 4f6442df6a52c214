package dev.loomscope.client.load;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/** Reads durations the way people type them: {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code PT30S}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String text = value.strip();
        if (text.regionMatches(true, 0, "PT", 0, 2)) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid(value);
            }
        }
        Matcher matcher = SHORT.matcher(text);
        if (!matcher.matches()) {
            throw invalid(value);
        }
        double amount = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1_000;
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    private static CommandLine.TypeConversionException invalid(String value) {
        return new CommandLine.TypeConversionException(
                "'" + value + "' is not a duration, use e.g. 30s, 500ms, 2m or PT30S");
    }
}
