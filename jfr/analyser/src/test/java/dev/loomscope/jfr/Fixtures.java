package dev.loomscope.jfr;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed recordings under src/test/resources/recordings (made by make-recordings.sh there). */
public final class Fixtures {

    public static final Path DIRECTORY = Path.of("src/test/resources/recordings");
    /** 60 hops (/ calling /upstream, 20 at a time) and 5 fan-outs of 8 calls, on JDK 25, from a cold server (app.warm-up.enabled=false): 40 class-loading pins. */
    public static final Path HOP_AND_FANOUT = DIRECTORY.resolve("hop-and-fanout.jfr");
    /** 3 requests blocking in a class initializer (plus one cold-start pin), and synchronized and lock requests that do not pin on JDK 25. */
    public static final Path PINNING_CLASS_INIT = DIRECTORY.resolve("pinning-class-init.jfr");
    /** A warm server: 7 hops on 2 HTTP/1.1 keep-alive connections, then 40 hops as streams of 2 h2c connections, 10 at once. */
    public static final Path HTTP1_AND_H2C = DIRECTORY.resolve("http1-and-h2c.jfr");
    /** The quick-start server (JDK 25): 10 HTTP/1.1 requests on 2 connections, then 9 curl --http2-prior-knowledge runs, one h2c request per connection. */
    public static final Path ONE_REQUEST_PER_H2C_CONNECTION = DIRECTORY.resolve("one-request-per-h2c-connection.jfr");
    /** A plain program, no loomscope events: 201 virtual threads (start/end enabled) and 1 class-init pin. */
    public static final Path PLAIN_NO_LOOMSCOPE = DIRECTORY.resolve("plain-jdk-no-loomscope.jfr");
    /** The same program with the JDK's default settings: no virtual thread start/end events. */
    public static final Path PLAIN_DEFAULT_SETTINGS = DIRECTORY.resolve("plain-jdk-default-settings.jfr");

    /** Recorded on OpenJDK 17.0.15 with its default settings: 8 busy platform threads (JDK 17 has no virtual threads). */
    public static final Path JDK17 = DIRECTORY.resolve("jdk17-platform-threads.jfr");

    /** Made by fixtures.SyntheticRecordings: 1,001 short virtual threads, JDK default settings, no pin. */
    public static final Path NO_PINS_DEFAULT = DIRECTORY.resolve("synthetic/default-settings-no-pins.jfr");
    /** 1,001 short virtual threads with jdk.VirtualThreadStart on and jdk.VirtualThreadEnd off. */
    public static final Path ENDS_OFF = DIRECTORY.resolve("synthetic/ends-off.jfr");
    /** 16 class-init pins, threshold 0: Hot.pause 15 x 3 ms on 15 lines, Cold.<clinit> 10 ms on one. */
    public static final Path PINS_BY_METHOD = DIRECTORY.resolve("synthetic/pins-by-method.jfr");

    /** Made by make-slice-recordings.sh: the warm server (recorder built in), 20 hops of / calling /upstream. */
    public static final Path SERVER_SLICES = DIRECTORY.resolve("server-hops-with-slices.jfr");
    /** The plain program of PLAIN_NO_LOOMSCOPE run with the loomscope agent and loomscope.jfc. */
    public static final Path PLAIN_SLICES = DIRECTORY.resolve("plain-jdk-slices.jfr");
    /** Made by fixtures.SyntheticSlices: worker-a woken twice (timer, thread), each 5 ms before a slice, on
     * carrier-1 then carrier-2; worker-b one slice on carrier-3. */
    public static final Path TWO_HOPS = DIRECTORY.resolve("synthetic/slices-two-hops.jfr");
    /** carrier-1 runs a slice of worker-b inside one of worker-a: a recorder bug. */
    public static final Path OVERLAP_ON_CARRIER = DIRECTORY.resolve("synthetic/slices-overlap-on-carrier.jfr");
    /** worker-a runs on carrier-2 while its slice on carrier-1 is still open: a recorder bug. */
    public static final Path THREAD_ON_TWO_CARRIERS = DIRECTORY.resolve("synthetic/slices-thread-on-two-carriers.jfr");
    /** No slice, and the recorder's status says off: VirtualThread.runContinuationGone() not found. */
    public static final Path RECORDER_OFF = DIRECTORY.resolve("synthetic/recorder-off.jfr");
    /** The recordings with slices. */
    public static final Path[] WITH_SLICES = {SERVER_SLICES, PLAIN_SLICES, TWO_HOPS, OVERLAP_ON_CARRIER,
                                              THREAD_ON_TWO_CARRIERS};

    public static final Path[] ALL = {HOP_AND_FANOUT, PINNING_CLASS_INIT, PLAIN_NO_LOOMSCOPE, PLAIN_DEFAULT_SETTINGS,
                                      NO_PINS_DEFAULT, ENDS_OFF, PINS_BY_METHOD};

    private Fixtures() {
    }

    /** How many chunks a recording has, counted from their headers. */
    public static int chunks(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        int count = 0;
        for (int position = 0; position < bytes.limit(); position += (int) bytes.getLong(position + 8)) {
            count++;
        }
        return count;
    }
}
