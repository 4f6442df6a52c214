package dev.loomscope.client.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DurationConverterTest {

    @Test
    void readsTheUnitsPeopleType() {
        assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationConverter.parse("15")).isEqualTo(Duration.ofSeconds(15));
        assertThat(DurationConverter.parse("PT20S")).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void namesTheBadValueAndShowsExamples() {
        assertThatThrownBy(() -> DurationConverter.parse("10 parsecs"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessage("'10 parsecs' is not a duration, use e.g. 30s, 500ms, 2m or PT30S");
    }
}
