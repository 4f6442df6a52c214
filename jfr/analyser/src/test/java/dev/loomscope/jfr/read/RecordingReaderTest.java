package dev.loomscope.jfr.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.loomscope.jfr.Fixtures;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our reader reads the same events, times and field values as the JDK's RecordingFile, event by event. */
class RecordingReaderTest {

    static Path[] fixtures() {
        return Fixtures.ALL;
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyEventOfTheCommittedRecordingsReadsAsTheJdkReadsIt(Path file) throws IOException {
        List<String> jdk = jdkView(file);
        assertThat(jdk).hasSizeGreaterThan(100);
        assertSameEvents(ourView(file), jdk);
    }

    @Name("loomscope.test.EveryKind")
    @Label("Every kind")
    static final class EveryKindEvent extends Event {
        boolean flag;
        byte small;
        char letter;
        short medium;
        int number;
        long big;
        String text;
        Thread thread;
        Class<?> type;
    }

    @Test
    void fieldsOfEveryKindAndSeveralChunksReadAsTheJdkReadsThem(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("every-kind.jfr");
        String[] texts = {null, "", "/", "ForkJoinPool-1-worker-1", "http://127.0.0.1:8080/upstream?delayMs=0",
                          "grüße, 世界", "x".repeat(300), "ForkJoinPool-1-worker-2"};
        try (Recording recording = new Recording()) {
            recording.enable(EveryKindEvent.class).withStackTrace().withThreshold(Duration.ZERO);
            recording.enable("jdk.VirtualThreadStart");
            recording.enable("jdk.VirtualThreadEnd");
            recording.start();
            for (int i = 0; i < 600; i++) {
                if (i % 200 == 199) {
                    // Starting another recording makes the JVM begin a new chunk.
                    try (Recording rotate = new Recording()) {
                        rotate.start();
                        rotate.stop();
                    }
                }
                int n = i;
                Thread.ofVirtual().name(i % 2 == 0 ? "" : "loomscope-test-" + i).start(() -> {
                    EveryKindEvent event = new EveryKindEvent();
                    event.begin();
                    event.flag = n % 3 == 0;
                    event.small = (byte) (n - 300);
                    event.letter = (char) ('a' + n % 26);
                    event.medium = (short) (n * -97);
                    event.number = n * 1_000_003;
                    event.big = n % 2 == 0 ? Long.MIN_VALUE + n : Long.MAX_VALUE - n;
                    event.text = texts[n % texts.length];
                    event.thread = Thread.currentThread();
                    event.type = n % 2 == 0 ? String.class : RecordingReaderTest.class;
                    event.commit();
                }).join();
            }
            recording.stop();
            recording.dump(file);
        }
        try (RecordingFile jdk = new RecordingFile(file)) {
            assertThat(jdk.readEventTypes().stream().filter(t -> t.getName().equals("loomscope.test.EveryKind")))
                    .hasSize(1);
        }
        assertThat(Fixtures.chunks(file)).as("chunks").isGreaterThanOrEqualTo(3);
        List<String> jdk = jdkView(file);
        assertThat(jdk.stream().filter(line -> line.startsWith("loomscope.test.EveryKind"))).hasSize(600);
        assertSameEvents(ourView(file), jdk);
    }

    @Test
    void aFileCutInsideAChunkIsReportedAsEndingThere(@TempDir Path directory) throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.PINNING_CLASS_INIT);
        Path cut = Files.write(directory.resolve("cut.jfr"), Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> new RecordingReader().read(cut))
                .isInstanceOf(EOFException.class).hasMessage("it ends in the middle of a chunk");
    }

    @Test
    void bytesThatAreNotAChunkAreDamage(@TempDir Path directory) throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.PINNING_CLASS_INIT);
        bytes[0] = 'X';
        Path damaged = Files.write(directory.resolve("damaged.jfr"), bytes);
        assertThatThrownBy(() -> new RecordingReader().read(damaged))
                .isInstanceOf(DamagedRecordingException.class).hasMessage("no chunk starts at byte 0");
    }

    /** Compares line by line so that a failure shows the first event that differs, not two long lists. */
    private static void assertSameEvents(List<String> ours, List<String> jdk) {
        for (int i = 0; i < Math.min(ours.size(), jdk.size()); i++) {
            String our = ours.get(i);
            String their = jdk.get(i);
            int from = 0;
            while (from < Math.min(our.length(), their.length()) && our.charAt(from) == their.charAt(from)) {
                from++;
            }
            assertThat(our).as("event %d of %d, from character %d: ours ...%s, the JDK's ...%s", i, jdk.size(),
                               from, our.substring(Math.max(0, from - 80)),
                               their.substring(Math.max(0, from - 80))).isEqualTo(their);
        }
        assertThat(ours).hasSameSizeAs(jdk);
    }

    /** One line per event: type, times, then each field the JDK's API shows, as text. */
    private static List<String> jdkView(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                EventType type = event.getEventType();
                StringBuilder line = new StringBuilder(type.getName()).append(' ')
                        .append(nanos(event.getStartTime())).append(' ').append(nanos(event.getEndTime()));
                for (ValueDescriptor field : type.getFields()) {
                    if (isTime(field.getName())) {
                        continue;
                    }
                    Object value = event.getValue(field.getName());
                    line.append(' ').append(field.getName()).append('=');
                    if (value instanceof RecordedThread thread) {
                        line.append(thread(thread.getJavaName(), thread.getJavaThreadId(), thread.isVirtual()));
                    } else if (value instanceof RecordedStackTrace stack) {
                        List<String> frames = new ArrayList<>();
                        for (RecordedFrame frame : stack.getFrames()) {
                            frames.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName()
                                       + ":" + frame.getLineNumber() + ":" + frame.getType());
                        }
                        line.append(frames);
                    } else if (value instanceof Float || value instanceof Double) {
                        line.append('~'); // not read by the analyser
                    } else if (value instanceof Number || value instanceof Boolean || value instanceof String
                               || value instanceof Character) {
                        line.append(value instanceof Character c ? (long) c : value);
                    } else if (value == null && isStringOrPrimitive(field)) {
                        line.append("null");
                    } else {
                        line.append('~'); // structs, classes and other pooled objects are not compared
                    }
                }
                lines.add(line.toString());
            }
        }
        return lines;
    }

    private static List<String> ourView(Path file) throws IOException {
        List<String> types;
        try (RecordingFile recording = new RecordingFile(file)) {
            types = recording.readEventTypes().stream().map(EventType::getName).toList();
        }
        List<String> lines = new ArrayList<>();
        RecordingReader reader = new RecordingReader();
        for (String name : types) {
            reader.onEvent(name, event -> lines.add(line(event)));
        }
        reader.read(file);
        return lines;
    }

    private static String line(JfrEvent event) {
        StringBuilder line = new StringBuilder(event.typeName()).append(' ')
                .append(event.startNanos()).append(' ').append(event.endNanos());
        EventLayout layout = (EventLayout) event.layout();
        List<JfrType.Field> fields = layout.type.fields();
        for (int i = 0; i < fields.size(); i++) {
            JfrType.Field field = fields.get(i);
            if (isTime(field.name())) {
                continue;
            }
            line.append(' ').append(field.name()).append('=');
            if (event.getThread(i) != null) {
                JfrThread thread = event.getThread(i);
                line.append(thread(thread.javaName(), thread.javaThreadId(), thread.virtual()));
            } else if (event.getStackTrace(i) != null) {
                List<String> frames = event.getStackTrace(i).stream()
                        .map(f -> f.typeName() + "." + f.methodName() + ":" + f.lineNumber() + ":" + f.type())
                        .toList();
                line.append(frames);
            } else {
                line.append(scalar(event, i));
            }
        }
        return line.toString();
    }

    private static String scalar(JfrEvent event, int field) {
        return switch (((EventLayout) event.layout()).kinds[field]) {
            case EventLayout.LONG, EventLayout.INT, EventLayout.SHORT, EventLayout.CHAR, EventLayout.BYTE ->
                    Long.toString(event.getLong(field));
            case EventLayout.BOOLEAN -> Boolean.toString(event.getBoolean(field));
            case EventLayout.STRING, EventLayout.STRING_REFERENCE -> String.valueOf(event.getString(field));
            case EventLayout.REFERENCE -> event.getString(field) != null ? event.getString(field) : "~";
            default -> "~";
        };
    }

    private static boolean isTime(String field) {
        return field.equals("startTime") || field.equals("duration");
    }

    private static boolean isStringOrPrimitive(ValueDescriptor field) {
        return field.getTypeName().equals("java.lang.String") || !field.getTypeName().contains(".");
    }

    private static String thread(String javaName, long javaThreadId, boolean virtual) {
        return "thread[" + javaName + "," + javaThreadId + "," + virtual + "]";
    }

    private static long nanos(java.time.Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
