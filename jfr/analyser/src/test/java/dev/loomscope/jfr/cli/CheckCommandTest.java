package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import dev.loomscope.jfr.Fixtures;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

class CheckCommandTest {

    @Test
    void checkNamesPinsAndTheDistinctThreadsTheyWereOnAsTheJdkReadsThem() throws Exception {
        Set<Long> pinnedThreads = new HashSet<>();
        long pins = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Fixtures.HOP_AND_FANOUT)) {
            if (event.getEventType().getName().equals("jdk.VirtualThreadPinned")) {
                pins++;
                pinnedThreads.add(event.getThread().getJavaThreadId());
            }
        }
        assertThat(pinnedThreads).hasSizeLessThan((int) pins); // several pins on one thread: the counts differ
        Cli.Result result = Cli.run("check", "--max-pinned", "0", Fixtures.HOP_AND_FANOUT.toString());
        assertThat(result.out().lines().findFirst()).contains(Fixtures.HOP_AND_FANOUT + ": " + pins
                + " pins of 1 ms or more on " + pinnedThreads.size() + " virtual threads, more than --max-pinned 0"
                + " (most time in com.fasterxml.jackson.databind.introspect.POJOPropertiesCollector._property)");
        Cli.Result report = Cli.run("report", Fixtures.HOP_AND_FANOUT.toString());
        assertThat(report.out()).contains("  pinning          " + pins + " pins on " + pinnedThreads.size()
                + " virtual threads, ");
    }

    @Test
    void pinsOverTheDefaultLimitsExit1() {
        Cli.Result result = Cli.run("check", Fixtures.PINNING_CLASS_INIT.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out().lines()).hasSize(2);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void withinLimitsExit0WithOneLinePerFile() {
        Cli.Result result = Cli.run("check", "--max-pinned", "4", "--max-pinned-time", "1s",
                                    Fixtures.PINNING_CLASS_INIT.toString());
        assertThat(result.code()).isZero();
        assertThat(result.out().lines()).containsExactly(Fixtures.PINNING_CLASS_INIT
                + ": ok, 4 pins of 1 ms or more on 4 virtual threads (at most 4), 118 ms pinned (at most 1s), 0 submit failures (at most 0)");
    }

    @Test
    void pinnedTimeAloneCanFail() {
        Cli.Result result = Cli.run("check", "--max-pinned", "100", "--max-pinned-time", "100ms",
                                    Fixtures.PINNING_CLASS_INIT.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out().lines()).singleElement().asString()
                .contains("pinned for 118 ms in total, more than --max-pinned-time 100ms");
    }

    @Test
    void eachFileIsCheckedOnItsOwn() {
        Cli.Result result = Cli.run("check", "--max-pinned", "1", "--max-pinned-time", "1s",
                                    Fixtures.PLAIN_NO_LOOMSCOPE.toString(), Fixtures.PINNING_CLASS_INIT.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out().lines()).singleElement().asString()
                .startsWith(Fixtures.PINNING_CLASS_INIT + ": 4 pins of 1 ms or more on 4 virtual threads, more than --max-pinned 1");
    }
}
