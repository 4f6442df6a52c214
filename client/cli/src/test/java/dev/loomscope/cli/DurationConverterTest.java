package dev.loomscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The one duration grammar of loomscope-jfr and loomscope-client load. */
class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsANumberWithAUnit() {
        assertThat(converter.convert("20ms")).isEqualTo(Duration.ofMillis(20));
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(converter.convert("500us")).isEqualTo(Duration.ofNanos(500_000));
        assertThat(converter.convert("250ns")).isEqualTo(Duration.ofNanos(250));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("10 MS")).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void readsIso8601() {
        assertThat(converter.convert("PT20S")).isEqualTo(Duration.ofSeconds(20));
        assertThat(converter.convert("pt0.5s")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void refusesABareNumberAndSuggestsAUnit() {
        assertThatThrownBy(() -> converter.convert("20")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'20' has no unit, write e.g. 20s or 20ms (units: ns, us, ms, s, m, h)");
    }

    @Test
    void namesTheBadValueAndShowsExamples() {
        assertThatThrownBy(() -> converter.convert("10 parsecs")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'10 parsecs' is not a duration, use e.g. 30s, 500ms, 2m or PT30S");
        assertThatThrownBy(() -> converter.convert("PT-5S")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'PT-5S' is not a duration, use e.g. 30s, 500ms, 2m or PT30S");
        assertThatThrownBy(() -> converter.convert("99999999999h")).isInstanceOf(TypeConversionException.class)
                .hasMessage("'99999999999h' is not a duration, use e.g. 30s, 500ms, 2m or PT30S");
    }

    @Test
    void formatsTheShortestExactSpelling() {
        assertThat(DurationConverter.format(Duration.ofMillis(20))).isEqualTo("20ms");
        assertThat(DurationConverter.format(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(DurationConverter.format(Duration.ofNanos(1_500_000))).isEqualTo("1500us");
        assertThat(DurationConverter.format(Duration.ZERO)).isEqualTo("0ms");
    }
}
