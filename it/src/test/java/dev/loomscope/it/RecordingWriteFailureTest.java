package dev.loomscope.it;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recording that cannot be written at the stop is reported as lost, with a non-zero exit code. /dev/full stands in
 * for a full disk: it opens for writing (so the start-up check passes) and every write fails with ENOSPC.
 */
class RecordingWriteFailureTest {

    @RegisterExtension
    static final Processes PROCESSES = new Processes();

    /** Could fail if the stop said "recording written" or exited 0 although no byte of the recording was kept. */
    @Test
    void aRecordingThatCannotBeWrittenAtTheStopIsReportedLostAndTheExitCodeIs1() throws Exception {
        ServerProcess server = PROCESSES.start("disk-full", ServerProcess.Options.defaults()
                .property("app.recording.file", "/dev/full"));

        assertThat(server.stop(ServerProcess.STOP_LIMIT)).as("exit code").isEqualTo(1);
        assertThat(server.stdout()).doesNotContain("recording written")
                .containsPattern(Pattern.compile("recording not written to /dev/full \\(No space left on device\\):"
                                                         + " the \\d+ bytes recorded from \\S+ to \\S+ are lost"));
        System.out.println(server.stdout().lines().filter(line -> line.contains("recording")).toList());
    }
}
