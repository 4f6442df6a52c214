package dev.loomscope.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.loomscope.it.workload.EventsWithPooledStrings;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/**
 * The recorder commits its slices on carriers, whose JFR event writer the virtual threads they carry share: a
 * virtual thread's own events must still come back whole, even when it contends for JFR's string pool in the
 * middle of one (before the fix, the carrier's slice was written into that event and the recording could not be
 * read past it, by the JDK's parser or loomscope's).
 */
class RecorderLeavesApplicationEventsWholeTest {

    @Test
    void everyEventVirtualThreadsCommitWithPooledStringsIsReadBackWhole() throws Exception {
        Path directory = Jars.output().resolve(getClass().getSimpleName());
        TestOutput.clean(directory);
        RecordedChild child = RecordedChild.run(directory, EventsWithPooledStrings.class);
        assertThat(child.exitCode).isZero();
        assertThat(child.stderr).doesNotContainIgnoringCase("warning");
        // The last line: JFR's start-up lines come before it.
        long committed = Long.parseLong(Files.readString(directory.resolve("stdout.txt")).strip().lines()
                                                .reduce((first, second) -> second).orElseThrow());

        long texts = 0;
        long slices = 0;
        // The JDK's parser throws on the first damaged event, and a merged one reads as some other type.
        try (RecordingFile recording = new RecordingFile(child.recording)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                texts += type.equals(EventsWithPooledStrings.TYPE) ? 1 : 0;
                slices += type.equals("loomscope.VirtualThreadSlice") ? 1 : 0;
            }
        }
        assertThat(committed).isGreaterThan(100_000);
        assertThat(texts).isEqualTo(committed);
        assertThat(slices).isGreaterThan(1000);
    }
}
