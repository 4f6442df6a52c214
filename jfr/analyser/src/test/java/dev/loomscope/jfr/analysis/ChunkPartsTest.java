package dev.loomscope.jfr.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.loomscope.jfr.Fixtures;
import dev.loomscope.jfr.event.ClientCallEvent;
import dev.loomscope.jfr.event.ServerRequestEvent;
import dev.loomscope.jfr.read.RecordingReader;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyser reads chunks apart, on several threads, and merges what each gathered: the report and timeline must
 * equal those of one pass over the whole file, on a recording whose threads and requests cross chunk boundaries.
 */
class ChunkPartsTest {

    @TempDir
    static Path directory;
    private static Path recording;

    /** Blocks in its initializer, so that a virtual thread initializing it pins its carrier on every JDK. */
    static final class SlowInitFirst {
        static {
            sleep(5);
        }
    }

    static final class SlowInitSecond {
        static {
            sleep(5);
        }
    }

    @BeforeAll
    static void record() throws Exception {
        recording = directory.resolve("chunks.jfr");
        try (Recording jfr = new Recording()) {
            jfr.enable(ServerRequestEvent.class).withThreshold(Duration.ZERO);
            jfr.enable(ClientCallEvent.class).withThreshold(Duration.ZERO);
            jfr.enable("jdk.VirtualThreadStart");
            jfr.enable("jdk.VirtualThreadEnd");
            jfr.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            jfr.start();
            // A thread and its request that start in the first chunk and end in the third.
            CountDownLatch release = new CountDownLatch(1);
            Thread crossing = Thread.ofVirtual().name("loomscope-crossing").start(() -> {
                ServerRequestEvent request = new ServerRequestEvent();
                request.beginOn(0);
                await(release);
                request.method = "GET";
                request.path = "/crossing";
                request.status = 200;
                request.endAndCommit();
            });
            long id = 0;
            for (int round = 0; round < 4; round++) {
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    long requestId = ++id;
                    String name = requestId % 2 == 0 ? "" : "loomscope-test-" + requestId;
                    threads.add(Thread.ofVirtual().name(name).start(() -> request(requestId)));
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                if (round == 1) {
                    Thread.ofVirtual().start(() -> new SlowInitFirst().hashCode()).join();
                    release.countDown();
                    crossing.join();
                }
                if (round == 2) {
                    Thread.ofVirtual().start(() -> new SlowInitSecond().hashCode()).join();
                }
                // Starting another recording makes the JVM begin a new chunk.
                try (Recording rotate = new Recording()) {
                    rotate.start();
                    rotate.stop();
                }
            }
            jfr.stop();
            jfr.dump(recording);
        }
    }

    private static void request(long id) {
        ServerRequestEvent request = new ServerRequestEvent();
        request.beginOn(id);
        ClientCallEvent call = new ClientCallEvent();
        call.beginOn(id);
        call.handlerThreadId = Thread.currentThread().threadId();
        call.method = "GET";
        call.uri = "http://127.0.0.1:8080/upstream?delayMs=0&bytes=64";
        Thread.yield();
        call.status = id % 5 == 0 ? 504 : 200;
        call.outcome = id % 5 == 0 ? "timeout" : "ok";
        call.endAndCommit();
        request.method = "GET";
        request.path = "/path-" + id % 7;
        request.status = call.status == 200 ? 200 : 504;
        request.endAndCommit();
    }

    @Test
    void theRecordingCrossesChunksAsTheComparisonNeeds() throws IOException, RecordingException {
        assertThat(Fixtures.chunks(recording)).as("chunks").isGreaterThanOrEqualTo(4);
        Report report = onePass(recording).report(List.of(recording.toString()));
        assertThat(report.requests().count()).isEqualTo(241);
        assertThat(report.virtualThreads().aliveAtEnd()).isZero();
        assertThat(report.pinning().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aReportMergedFromChunksReadApartEqualsOnePassOverTheFile() throws IOException, RecordingException {
        Report merged = RecordingAnalyzer.analyze(List.of(recording)).combined();
        assertThat(merged).isEqualTo(onePass(recording).report(List.of(recording.toString())));
    }

    @Test
    void aTimelineMergedFromChunksEqualsOnePassOverTheFile() throws IOException, RecordingException {
        Timeline merged = RecordingAnalyzer.analyze(List.of(recording), 100).timelines().get(0);
        assertThat(merged).isEqualTo(onePass(recording).timeline(recording.toString(), 100));
    }

    @Test
    void aRepositoryDirectoryOfChunkFilesReadsAsTheAssembledRecording() throws Exception {
        // One file per chunk, as the JDK's disk repository keeps them, named so that name order is not time order.
        Path repository = Files.createDirectory(directory.resolve("repository"));
        byte[] whole = Files.readAllBytes(recording);
        ByteBuffer bytes = ByteBuffer.wrap(whole);
        int chunks = 0;
        for (int position = 0; position < whole.length; chunks++) {
            int size = (int) bytes.getLong(position + 8);
            Files.write(repository.resolve((90 - chunks) + ".jfr"),
                        java.util.Arrays.copyOfRange(whole, position, position + size));
            position += size;
        }
        Files.writeString(repository.resolve("notes.txt"), "not a chunk");
        assertThat(chunks).isEqualTo(Fixtures.chunks(recording)).isGreaterThan(1);
        Report fromDirectory = RecordingAnalyzer.analyze(List.of(repository)).combined();
        Report fromFile = RecordingAnalyzer.analyze(List.of(recording)).combined();
        assertThat(fromDirectory.sources()).containsExactly(repository.toString());
        assertThat(withSources(fromDirectory, List.of())).isEqualTo(withSources(fromFile, List.of()));
    }

    @Test
    void aDirectoryWithoutChunkFilesIsOneLineOfBadData() throws Exception {
        Path empty = Files.createDirectory(directory.resolve("empty"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecordingAnalyzer.analyze(List.of(empty)))
                .isInstanceOf(RecordingException.class)
                .hasMessage(empty + " is a directory with no .jfr files; give a recording, or a JFR repository"
                            + " directory of .jfr chunk files");
    }

    private static Report withSources(Report r, List<String> sources) {
        return new Report(sources, r.recording(), r.carriers(), r.virtualThreads(), r.requests(), r.clientCalls(),
                          r.pinning(), r.submitFailures(), r.connections(), r.slices(), r.recorder(), r.missing(), r.verdict());
    }

    /** The reference: one accumulator over every event of the file, in file order, on this thread. */
    private static EventAccumulator onePass(Path file) throws IOException {
        EventAccumulator accumulator = new EventAccumulator();
        accumulator.beginFile();
        RecordingReader reader = new RecordingReader();
        accumulator.register(reader);
        reader.read(file);
        accumulator.endFile();
        return accumulator;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
