package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loomscope.jfr.Fixtures;
import org.junit.jupiter.api.Test;

/** Locks the user-facing wording: change these lines on purpose, never by accident. */
class WordingTest {

    @Test
    void plainRecordingSaysWhatEachMissingSectionNeeds() {
        Cli.Result result = Cli.run("report", Fixtures.PLAIN_DEFAULT_SETTINGS.toString());
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains(
                "  requests         needs loomscope.ServerRequest events (record with loomscope.jfc)",
                "  client calls     needs loomscope.ClientCall events (record with loomscope.jfc)",
                "  virtual threads  needs jdk.VirtualThreadStart and jdk.VirtualThreadEnd events, which the JDK's"
                + " default settings leave off (record with loomscope.jfc)",
                "  verdict          Cannot tell: the recording has no loomscope.ServerRequest or loomscope.ClientCall"
                + " events (record with loomscope.jfc). Virtual thread start and end events were not recorded either"
                + " (they are off in the JDK's default settings).");
    }

    @Test
    void hopVerdictAnswersWithTheNumbers() {
        Cli.Result result = Cli.run("report", Fixtures.HOP_AND_FANOUT.toString());
        assertThat(result.out()).contains(
                "  verdict          Yes: 165 requests and their 100 client calls ran on 145 virtual threads carried by"
                + " 2 carrier threads; 60 of the client calls (60%) ran on their handler's own virtual thread, the"
                + " others on threads of their own; 50% resumed on another carrier after the call; up to 20 requests"
                + " were in flight per carrier (40 at the peak). 40 pins on 5 virtual threads held a carrier for 1,216 ms in total");
    }

    @Test
    void checkViolationsAreOneLineEach() {
        Cli.Result result = Cli.run("check", Fixtures.PINNING_CLASS_INIT.toString());
        String file = Fixtures.PINNING_CLASS_INIT.toString();
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out().lines()).containsExactly(
                file + ": 4 pins of 1 ms or more on 4 virtual threads, more than --max-pinned 0 (most time in"
                + " dev.loomscope.server.ClassInitBlocker.sleepInClassInit)",
                file + ": virtual threads were pinned for 118 ms in total, more than --max-pinned-time 0ms (most"
                + " time in dev.loomscope.server.ClassInitBlocker.sleepInClassInit)");
    }
}
