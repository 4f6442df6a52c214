package dev.loomscope.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.loomscope.it.Recorded.Pin;
import dev.loomscope.it.Recorded.Request;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claim 6: no pinning on {@code /} and {@code /fanout}; the pinning demonstrations pin exactly as the running JDK's
 * rules say; {@code loomscope-jfr check} tells the two recordings apart.
 *
 * <p>Two servers, two recordings: a clean one (load on {@code /} and {@code /fanout}) and a pinning one (each
 * {@code /pinning} mode {@value #REPEATS} times, {@value #MILLIS} ms, one after another on one connection, so request
 * ids give the order). Both servers first serve a warm-up, and marker requests answered 400 bound the measured part.
 */
class PinningClaimsTest {

    @RegisterExtension
    static final Processes PROCESSES = new Processes();

    static final int MILLIS = 50;
    static final int REPEATS = 3;
    static final int HOPS = 1000;
    static final int FANOUTS = 100;
    static final int FANOUT_CALLS = 10;
    static final List<String> MODES = List.of("synchronized", "class-init", "lock");
    private static final String MARKER = "/upstream?delayMs=marker";

    private static Path cleanRecording;
    private static Path pinningRecording;
    private static Recorded clean;
    private static Recorded pinning;
    private static Path directory;

    @BeforeAll
    static void recordACleanServerAndAPinningServer() throws Exception {
        ServerProcess cleanServer = PROCESSES.start("clean", ServerProcess.Options.defaults());
        Path log = cleanServer.directory().resolve("load.log");
        Loads.requests(log, cleanServer.uri("/"), 4, 200);
        Loads.requests(log, cleanServer.uri("/fanout?calls=5"), 2, 40);
        mark(cleanServer);
        Loads.requests(log, cleanServer.uri("/?delayMs=1"), 8, HOPS);
        Loads.requests(log, cleanServer.uri("/fanout?calls=" + FANOUT_CALLS + "&delayMs=2"), 4, FANOUTS);
        mark(cleanServer);
        assertThat(cleanServer.stop(ServerProcess.STOP_LIMIT)).isZero();

        ServerProcess pinningServer = PROCESSES.start("pinning", ServerProcess.Options.defaults());
        try (RawHttp connection = RawHttp.connect("127.0.0.1", pinningServer.port(), Duration.ofSeconds(10))) {
            for (String mode : MODES) {
                pin(connection, mode);
            }
            connection.send(RawHttp.request(MARKER));
            assertThat(connection.receive().status()).isEqualTo(400);
            for (int i = 0; i < REPEATS; i++) {
                for (String mode : MODES) {
                    pin(connection, mode);
                }
            }
        }
        assertThat(pinningServer.stop(ServerProcess.STOP_LIMIT)).isZero();

        cleanRecording = cleanServer.recording();
        pinningRecording = pinningServer.recording();
        clean = Recorded.read(cleanRecording);
        pinning = Recorded.read(pinningRecording);
        directory = pinningServer.directory().getParent();
    }

    /**
     * Could fail if a pin of 1 ms or more happened on any thread while the warmed-up server served / and /fanout,
     * outside JFR's own string pool.
     */
    @Test
    void servingHopsAndFanoutsPinsNoVirtualThread() {
        List<Request> markers = clean.requests(r -> r.status() == 400);
        assertThat(markers).hasSize(2);
        List<Request> measured = clean.requests(r -> r.requestId() > markers.get(0).requestId()
                && r.requestId() < markers.get(1).requestId());
        // The clean server is its own upstream: each hop and each fan-out call adds a request to /upstream.
        assertThat(measured).as("requests between the markers").hasSize(HOPS * 2 + FANOUTS * (1 + FANOUT_CALLS));
        List<Pin> duringLoad = clean.pins.stream()
                .filter(pin -> pin.within(markers.get(0).start(), markers.get(1).end())).toList();
        List<Pin> byJfr = duringLoad.stream().filter(PinningClaimsTest::jfrStringPool).toList();
        assertThat(duringLoad.stream().filter(pin -> !jfrStringPool(pin)).toList())
                .as("pins while the warmed-up server served / and /fanout, other than JFR's string pool's").isEmpty();
        System.out.println("claim 6: pins by JFR's string pool during load: " + byJfr.size()
                           + byJfr.stream().map(p -> " " + p.duration().toNanos() / 1000 + " us").collect(Collectors.joining()));
    }

    /**
     * Whether a pin happened inside JFR's own string pool: committing an event whose string (over 16 characters,
     * repeated) must be added to the pool again after an epoch shift pins the virtual thread on purpose
     * ({@code Continuation.pin()} in {@code jdk.jfr.internal.StringPool.storeString}, JDK 25's source) and then takes
     * the pool's monitor; when another thread holds it, the thread parks pinned. Seen once in CI: 2.5 ms, in a
     * client call's commit. It is the recording's cost, not the server's.
     */
    private static boolean jfrStringPool(Pin pin) {
        return pin.frames().stream().anyMatch(frame -> frame.startsWith("jdk.jfr.internal.StringPool.storeString("));
    }

    /** Could fail if a mode pinned where the JDK's rules say it doesn't, or the reverse. */
    @Test
    void pinningDemonstrationsPinExactlyAsTheRunningJdksRulesSay() {
        int feature = Runtime.version().feature();
        List<Request> markers = pinning.requests(r -> r.status() == 400);
        assertThat(markers).hasSize(1);
        List<Request> measured = pinning.requests(r -> r.requestId() > markers.get(0).requestId());
        assertThat(measured).hasSize(MODES.size() * REPEATS);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            Request request = measured.get(i);
            String mode = MODES.get(i % MODES.size());
            List<Pin> pins = pinning.pins.stream()
                    .filter(pin -> pin.threadId() == request.threadId() && request.contains(pin)).toList();
            boolean expected = switch (mode) {
                case "synchronized" -> feature < 24;
                case "class-init" -> true;
                default -> false;
            };
            seen.add(mode + ": " + pins.size() + " pin(s)"
                             + pins.stream().map(p -> " " + p.duration().toMillis() + " ms " + p.reason()).collect(Collectors.joining()));
            if (expected) {
                assertThat(pins).as("%s on JDK %d pins", mode, feature).isNotEmpty();
                assertThat(pins.stream().mapToLong(p -> p.duration().toMillis()).max().orElse(0))
                        .as("longest pin of %s, which blocks %d ms", mode, MILLIS).isGreaterThanOrEqualTo(MILLIS * 8 / 10);
            } else {
                assertThat(pins).as("%s on JDK %d does not pin", mode, feature).isEmpty();
            }
        }
        System.out.println("claim 6, JDK " + feature + ": " + seen);
    }

    /**
     * The gate's limits for both recordings, as a CI pipeline would set them: a cold JVM's first requests may pin
     * for a few ms while classes load (a stray 7 ms pin in a socket read was seen here during the test's own
     * warm-up), and the measured part of the clean run is held to zero pins by
     * {@link #servingHopsAndFanoutsPinsNoVirtualThread()}; the pinning demonstration pins 50 ms and more per request.
     */
    static final String[] GATE = {"--max-pinned", "5", "--max-pinned-time", "50ms"};

    private static AnalyserCli.Result check(String name, Path recording) throws Exception {
        List<String> args = new ArrayList<>(List.of("check"));
        args.addAll(List.of(GATE));
        args.add(recording.toString());
        return AnalyserCli.run(directory, name, args.toArray(String[]::new));
    }

    /** Could fail if check ignored pins or its exit codes were swapped. */
    @Test
    void checkFailsOnThePinningRecording() throws Exception {
        AnalyserCli.Result check = check("check-pinning", pinningRecording);
        assertThat(check.exit()).as("%s", check).isEqualTo(1);
        assertThat(check.stdout() + check.stderr()).as("%s", check).containsIgnoringCase("pin");
    }

    /**
     * Could fail if the clean server pinned more than the gate allows over its whole recording, warm-up included;
     * on JDK 21 a handler blocking inside synchronized would pin on every request and fail it.
     */
    @Test
    void checkPassesOnTheCleanRecording() throws Exception {
        AnalyserCli.Result check = check("check-clean", cleanRecording);
        assertThat(check.exit()).as("%s\npins in the clean recording:\n%s", check, describe(clean.pins)).isZero();
    }

    private static void pin(RawHttp connection, String mode) throws Exception {
        connection.send(RawHttp.request("/pinning?mode=" + mode + "&millis=" + MILLIS));
        RawHttp.Response response = connection.receive();
        assertThat(response.status()).as("/pinning?mode=%s: %s", mode, response.body()).isEqualTo(200);
    }

    private static void mark(ServerProcess server) throws Exception {
        assertThat(RawHttp.get("127.0.0.1", server.port(), MARKER, Duration.ofSeconds(10)).status()).isEqualTo(400);
    }

    private static String describe(List<Pin> pins) {
        return pins.stream()
                .map(p -> "  " + p.start() + " " + p.duration().toNanos() / 1e6 + " ms on " + p.carrier() + ": " + p.reason()
                        + "\n      " + String.join("\n      ", p.frames().subList(0, Math.min(12, p.frames().size()))))
                .collect(Collectors.joining("\n"));
    }
}
