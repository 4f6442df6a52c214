package dev.loomscope.it;

import java.nio.file.Path;

import dev.loomscope.it.workload.PlainVirtualThreads;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** On a JDK whose VirtualThread lacks what the agent needs, it says so in one line and changes nothing. */
class RecorderOffWhenInternalsDifferTest {

    @Test
    void missingRunMethodGivesOneWarningLineARecordingThatSaysOffAndAProgramThatRunsAsUsual() throws Exception {
        Path directory = Jars.output().resolve(getClass().getSimpleName()).resolve("missing-method");
        TestOutput.clean(directory);

        RecordedChild child = RecordedChild.run(directory, PlainVirtualThreads.class,
                "-Dloomscope.agent.test.runMethod=runContinuationGone");
        Slices recorded = Slices.read(child.recording);

        assertThat(child.exitCode).isZero();
        assertThat(child.stderr.lines().filter(line -> line.contains("loomscope-agent")).toList()).containsExactly(
                "loomscope-agent: warning: recorder off, the application runs without it:"
                        + " VirtualThread.runContinuationGone() not found");
        assertThat(recorded.statuses).isNotEmpty()
                .allMatch(status -> status.equals("off: VirtualThread.runContinuationGone() not found"));
        assertThat(recorded.slices).isEmpty();
        assertThat(recorded.wakeups).isEmpty();
    }
}
