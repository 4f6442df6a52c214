package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loomscope.jfr.Fixtures;
import org.junit.jupiter.api.Test;

/** {@code check}'s slice gates: the scheduler delay limit and the invariants, and their wording. */
class SliceGatesTest {

    @Test
    void aSchedulerDelayOverTheLimitExits1NamingThePercentile() {
        // worker-a waits 5 ms or more between each wake-up and its slice.
        Cli.Result result = Cli.run("check", "--max-scheduler-delay", "p50=1ms", Fixtures.TWO_HOPS.toString());
        assertThat(result.code()).isEqualTo(1);
        // The synthetic file has no pin events either: check says so on lines of their own.
        assertThat(result.out().lines().filter(line -> line.contains("scheduler"))).singleElement().asString()
                .startsWith(Fixtures.TWO_HOPS + ": scheduler delay p50 was ")
                .endsWith("more than --max-scheduler-delay p50=1ms (wake-up to mount: carriers were busy)");
    }

    @Test
    void aSchedulerDelayWithinTheLimitPassesAndSaysSo() {
        Cli.Result result = Cli.run("check", "--max-pinned", "1", "--max-pinned-time", "1s",
                                    "--max-scheduler-delay", "p99=1s", "--max-scheduler-delay", "max=2s",
                                    Fixtures.PLAIN_SLICES.toString());
        assertThat(result.code()).isZero();
        assertThat(result.out().lines()).singleElement().asString()
                .contains(", 401 slices, scheduler delay p99 ").contains("(at most 1s), scheduler delay max ")
                .endsWith("(at most 2s), slice invariants hold");
    }

    @Test
    void overlappingSlicesFailCheckAsARecorderBugWithoutAnyGateGiven() {
        Cli.Result result = Cli.run("check", Fixtures.OVERLAP_ON_CARRIER.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out()).contains(Fixtures.OVERLAP_ON_CARRIER + ": recorder bug: 1 overlapping slices on one"
                                          + " carrier, 0 of one virtual thread on two carriers at once; first:"
                                          + " carrier carrier-1 ran worker-a");
    }

    @Test
    void aSliceGateOnARecordingWithoutSlicesFailsAndSaysToRunTheAgent() {
        Cli.Result result = Cli.run("check", "--max-pinned", "5", "--max-pinned-time", "1s",
                                    "--max-scheduler-delay", "p99=5ms", Fixtures.PLAIN_NO_LOOMSCOPE.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out().lines()).singleElement().asString()
                .isEqualTo(Fixtures.PLAIN_NO_LOOMSCOPE + ": cannot check --max-scheduler-delay: no slices recorded;"
                           + " run with the loomscope agent (-javaagent:loomscope-agent.jar) and loomscope.jfc");
    }

    @Test
    void aRecordingWhoseRecorderWasOffSaysSoAndWhyInReportAndCheck() {
        Cli.Result report = Cli.run("report", Fixtures.RECORDER_OFF.toString());
        assertThat(report.code()).isZero();
        assertThat(report.out()).contains("  recorder         off: VirtualThread.runContinuationGone() not found (JDK ")
                .contains("; slices and wake-ups were not recorded while it was off")
                .doesNotContain("  slices ");
        Cli.Result json = Cli.run("report", "--format", "json", Fixtures.RECORDER_OFF.toString());
        assertThat(json.out()).contains("\"state\" : \"off\"").contains("\"missing\" : [ \"carriers\"")
                .containsPattern("\"missing\" : \\[[^]]*\"slices\" ]");
        Cli.Result check = Cli.run("check", "--max-scheduler-delay", "p99=5ms", Fixtures.RECORDER_OFF.toString());
        assertThat(check.code()).isEqualTo(1);
        assertThat(check.out()).contains(Fixtures.RECORDER_OFF + ": cannot check --max-scheduler-delay: no slices"
                                         + " recorded; the loomscope recorder was off: VirtualThread"
                                         + ".runContinuationGone() not found");
    }

    @Test
    void aPercentileTheReportDoesNotGiveIsAUsageErrorExit2() {
        Cli.Result result = Cli.run("check", "--max-scheduler-delay", "p75=5ms", Fixtures.TWO_HOPS.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("loomscope-jfr check: invalid value for option '--max-scheduler-delay'"
                                            + " (P=D): 'p75' is not a percentile the report gives; use p50, p90, p99,"
                                            + " p99.9 or max, e.g. p99=5ms" + System.lineSeparator());
    }

    @Test
    void aDelayWithoutUnitIsAUsageErrorExit2() {
        Cli.Result result = Cli.run("check", "--max-scheduler-delay", "p99=5", Fixtures.TWO_HOPS.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("loomscope-jfr check: invalid value for option '--max-scheduler-delay'"
                                            + " (P=D): '5' has no unit, write e.g. 5s or 5ms");
    }

    @Test
    void theTextReportPrintsABrokenInvariantLoudly() {
        Cli.Result result = Cli.run("report", "--no-jmc-rules", Fixtures.THREAD_ON_TWO_CARRIERS.toString());
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("    RECORDER BUG   invariants broken: 0 overlapping slices on one carrier, 1"
                                          + " of one virtual thread on two carriers at once; the recording is wrong,"
                                          + " not the program. First:" + System.lineSeparator()
                                          + "    virtual thread worker-a (#");
    }

    @Test
    void theTextReportOfTheServerShowsCarriersWakeupsDelayPollersAndHops() {
        Cli.Result result = Cli.run("report", Fixtures.SERVER_SLICES.toString());
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("  slices           ").contains("    invariants     hold: no carrier ran two"
                + " slices at once, no virtual thread was on two carriers at once")
                .containsPattern("    ForkJoinPool-1-worker-1 +\\|.{20}\\| busy \\d+%")
                .containsPattern("    wake-ups       \\d+: .*poller \\d+")
                .containsPattern("    ready delay    p50 .* \\(wake-up to mount: the wait for a free carrier\\)")
                .contains("    pollers        SubPoller-")
                .containsPattern("    request hops   40 requests, 40 with slices; hops p50 \\d+");
    }
}
