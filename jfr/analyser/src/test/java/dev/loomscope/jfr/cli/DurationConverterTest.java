package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsTheUnitsPeopleWrite() {
        assertThat(converter.convert("20ms")).isEqualTo(Duration.ofMillis(20));
        assertThat(converter.convert("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(converter.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(converter.convert("500us")).isEqualTo(Duration.ofNanos(500_000));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void refusesANumberWithoutUnit() {
        assertThatThrownBy(() -> converter.convert("20")).isInstanceOf(TypeConversionException.class)
                .hasMessage("expected a duration like 20ms or 1s, not '20'");
    }

    @Test
    void formatsTheShortestExactSpelling() {
        assertThat(DurationConverter.format(Duration.ofMillis(20))).isEqualTo("20ms");
        assertThat(DurationConverter.format(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(DurationConverter.format(Duration.ZERO)).isEqualTo("0ms");
    }
}
