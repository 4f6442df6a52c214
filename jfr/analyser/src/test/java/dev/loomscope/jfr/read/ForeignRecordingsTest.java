package dev.loomscope.jfr.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.loomscope.jfr.Fixtures;
import dev.loomscope.jfr.fixtures.PatchedRecordings;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files the JDK's parser reads that other JVMs or a crash write: this reader reads them too, and counts alike. */
class ForeignRecordingsTest {

    @TempDir
    Path dir;

    @Test
    void windowsClockOf10MhzIsReadWithTheJdksCounts() throws Exception {
        Path file = PatchedRecordings.windowsClock(Fixtures.PLAIN_NO_LOOMSCOPE, dir.resolve("windows.jfr"));

        assertThat(ourCounts(file)).isEqualTo(jdkCounts(file)).containsKey("jdk.VirtualThreadStart");
    }

    @Test
    void eventOfUndeclaredTypeIsSkippedAndCountedAsTheJdkDoes() throws Exception {
        Path file = dir.resolve("emergency.jfr");
        long typeId = PatchedRecordings.undeclaredType(Fixtures.PLAIN_NO_LOOMSCOPE, "jdk.VirtualThreadStart", file);

        Map<String, Long> ours = new HashMap<>();
        ReadNotes notes = new RecordingReader()
                .onEveryEvent(event -> ours.merge(event.typeName(), 1L, Long::sum))
                .read(file);

        assertThat(notes.undeclaredTypes()).isEqualTo(Map.of(typeId, 1L));
        assertThat(ours).isEqualTo(jdkCounts(file));
    }

    @Test
    void unfinishedChunkIsReadToItsLastFlushAndNoted() throws Exception {
        Path file = PatchedRecordings.unfinished(Fixtures.PLAIN_NO_LOOMSCOPE, dir.resolve("live.jfr"));

        Map<String, Long> ours = new HashMap<>();
        ReadNotes notes = new RecordingReader()
                .onEveryEvent(event -> ours.merge(event.typeName(), 1L, Long::sum))
                .read(file);

        assertThat(notes.unfinishedChunks()).isEqualTo(1);
        assertThat(ours).isEqualTo(jdkCounts(Fixtures.PLAIN_NO_LOOMSCOPE));
    }

    private static Map<String, Long> ourCounts(Path file) throws Exception {
        Map<String, Long> ours = new HashMap<>();
        new RecordingReader().onEveryEvent(event -> ours.merge(event.typeName(), 1L, Long::sum)).read(file);
        return ours;
    }

    private static Map<String, Long> jdkCounts(Path file) throws Exception {
        Map<String, Long> jdk = new HashMap<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                jdk.merge(event.getEventType().getName(), 1L, Long::sum);
            }
        }
        return jdk;
    }
}
