package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loomscope.jfr.Fixtures;
import dev.loomscope.jfr.analysis.Formats;
import dev.loomscope.jfr.analysis.JdkVersion;
import org.junit.jupiter.api.Test;

/** The report claims only what the recording's settings let it know. */
class UnsupportedClaimsTest {

    @Test
    void withTheDefaultThresholdReportAndCheckSayNoPinOf20MsOrMore() {
        String file = Fixtures.NO_PINS_DEFAULT.toString();
        Cli.Result report = Cli.run("report", file);
        Cli.Result check = Cli.run("check", file);
        assertThat(report.out()).contains("No pin of 20 ms or more (this recording's threshold).")
                .contains("  pinning          no pin of 20 ms or more (this recording's threshold)")
                .doesNotContain("No virtual thread was pinned");
        assertThat(check.out()).startsWith(file + ": ok, no pin of 20 ms or more (this recording's threshold), ");
    }

    @Test
    void withEndsOffNoAliveOrPeakFigureIsGiven() {
        Cli.Result report = Cli.run("report", Fixtures.ENDS_OFF.toString());
        assertThat(report.out()).contains("  virtual threads  1,001 started; ends were not recorded"
                                          + " (jdk.VirtualThreadEnd off)")
                .doesNotContain("alive at the end").doesNotContain("alive at once");
        Cli.Result json = Cli.run("report", "--format", "json", Fixtures.ENDS_OFF.toString());
        assertThat(json.out()).contains("\"ended\" : null", "\"aliveAtEnd\" : null", "\"peakAlive\" : null");
    }

    @Test
    void carriersOnlySeenInPinEventsAreLabelledSoWithoutZeroColumns() {
        Cli.Result report = Cli.run("report", Fixtures.PINS_BY_METHOD.toString());
        assertThat(report.out()).contains("  carriers         2 seen in pin events (scheduler parallelism ")
                .doesNotContain("requests started 0");
    }

    @Test
    void theHottestMethodIsNamedThoughItsPinsSpreadOver15Lines() {
        String file = Fixtures.PINS_BY_METHOD.toString();
        String hot = "dev.loomscope.jfr.fixtures.SyntheticRecordings$Hot.pause";
        Cli.Result report = Cli.run("report", file);
        assertThat(report.out()).contains("most time in " + hot + ").")
                .contains("    " + hot + ": 15 pins, ");
        Cli.Result check = Cli.run("check", file);
        assertThat(check.out().lines()).first().asString()
                .isEqualTo(file + ": 16 pins on 16 virtual threads, more than --max-pinned 0 (most time in " + hot + ")");
    }

    @Test
    void smallDurationsKeepSignificantDigits() {
        assertThat(Formats.millis(0.015)).isEqualTo("0.015 ms");
        assertThat(Formats.millis(0.5)).isEqualTo("0.5 ms");
        assertThat(Formats.millis(3.14)).isEqualTo("3.1 ms");
        assertThat(Formats.millis(1216)).isEqualTo("1,216 ms");
    }

    @Test
    void onePercentFormatterNeverRoundsASmallShareToZero() {
        assertThat(Formats.percent(0.004)).isEqualTo("under 1%");
        assertThat(Formats.percent(0.996)).isEqualTo("over 99%");
        assertThat(Formats.percent(0.6)).isEqualTo("60%");
    }

    @Test
    void jdkVersionComesFromTheJreVersionNotTheVmVersion() {
        String jdk8 = "OpenJDK 64-Bit Server VM (25.292-b10) for linux-amd64 JRE (1.8.0_292-b10), built on Apr 21"
                      + " 2021 by \"openjdk\" with gcc 7.5.0";
        String oracle = "Java HotSpot(TM) 64-Bit Server VM (17.0.2+8-LTS-86) for linux-amd64 JRE (17.0.2+8-LTS-86),"
                        + " built on Dec  7 2021";
        assertThat(JdkVersion.feature(jdkVersionOf(jdk8))).isEqualTo(8);
        assertThat(jdkVersionOf(jdk8)).isEqualTo("1.8.0_292-b10");
        assertThat(jdkVersionOf(oracle)).isEqualTo("17.0.2+8-LTS-86");
        assertThat(JdkVersion.withoutVirtualThreads(JdkVersion.feature("17.0.2+8-LTS-86"))).isTrue();
        assertThat(JdkVersion.withoutVirtualThreads(JdkVersion.feature("25.0.3+9-LTS"))).isFalse();
    }

    private static String jdkVersionOf(String jvmVersion) {
        return JdkVersion.ofJvmVersion(jvmVersion);
    }
}
