package dev.loomscope.it;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.loomscope.client.load.LoadResult;
import dev.loomscope.it.Recorded.Call;
import dev.loomscope.it.Recorded.Request;
import dev.loomscope.it.Recorded.ThreadMark;
import dev.loomscope.jfr.analysis.Report;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Claims 1 to 5 and 7, judged on one recording: a server calling a separate upstream process, loaded in three
 * phases. Phases are told apart by marker requests answered 400, whose request ids lie between the phases' ids; no
 * clock is compared across processes.
 *
 * <ol>
 *   <li>keep-alive: {@value #KEEP_ALIVE_CONNECTIONS} connections, exactly {@value #KEEP_ALIVE_REQUESTS} requests to {@code /};</li>
 *   <li>fan-out: {@value #FANOUT_REQUESTS} requests to {@code /fanout} with {@value #FANOUT_CALLS} calls each;</li>
 *   <li>multiplex: {@value #MULTIPLEX_CONNECTIONS} connections, {@value #MULTIPLEX_REQUESTS} requests to {@code /}
 *       with a {@value #UPSTREAM_DELAY_MS} ms upstream.</li>
 * </ol>
 */
class SchedulerClaimsTest {

    @RegisterExtension
    static final Processes PROCESSES = new Processes();

    static final int KEEP_ALIVE_CONNECTIONS = 8;
    static final int KEEP_ALIVE_REQUESTS = 3000;
    static final int FANOUT_REQUESTS = 100;
    static final int FANOUT_CALLS = 10;
    static final int MULTIPLEX_CONNECTIONS = 500;
    static final int UPSTREAM_DELAY_MS = 200;
    static final int MULTIPLEX_REQUESTS = 1500;
    static final Duration THREAD_EXIT_MARGIN = Duration.ofSeconds(1);

    private static final Pattern CARRIER = Pattern.compile("ForkJoinPool-(\\d+)-worker-(\\d+)");
    private static final Pattern FANOUT_THREAD = Pattern.compile("loomscope-fanout-(\\d+)-(\\d+)");
    // A bad parameter: its 400 tells marker events apart from the load's 200s without relying on paths.
    private static final String MARKER = "/upstream?delayMs=marker";

    private static LoadResult keepAlive;
    private static LoadResult fanout;
    private static LoadResult multiplex;
    private static List<String> loomscopeThreadsInServerAfterLoad;
    private static List<String> loadThreadsInTestJvmAfterLoad;
    private static Recorded recorded;
    private static Report report;
    private static List<List<Request>> phases;

    @BeforeAll
    static void loadTheServerInThreePhasesAndReadItsRecording() throws Exception {
        ServerProcess upstream = PROCESSES.start("upstream", ServerProcess.Options.defaults().withoutRecording());
        ServerProcess server = PROCESSES.start("server", ServerProcess.Options.defaults().upstream(upstream));
        Path log = server.directory().resolve("load.log");

        mark(server);
        keepAlive = Loads.requests(log, server.uri("/"), KEEP_ALIVE_CONNECTIONS, KEEP_ALIVE_REQUESTS);
        mark(server);
        fanout = Loads.requests(log, server.uri("/fanout?calls=" + FANOUT_CALLS + "&delayMs=5"), 4, FANOUT_REQUESTS);
        mark(server);
        // All connections open before the first request goes out, so the first wave alone puts up to
        // MULTIPLEX_CONNECTIONS requests in flight; a count, not a time, so a busy machine cannot cut it short.
        multiplex = Loads.requests(log, server.uri("/?delayMs=" + UPSTREAM_DELAY_MS), MULTIPLEX_CONNECTIONS,
                                   MULTIPLEX_REQUESTS);
        mark(server);

        // The load generator has returned, so its connections are closed: what is still alive now leaked.
        loadThreadsInTestJvmAfterLoad = loomscope(ThreadDump.ofThisJvm(server.directory().resolve("test-jvm-threads.json")));
        loomscopeThreadsInServerAfterLoad = loomscope(
                ThreadDump.ofProcess(server.pid(), server.directory().resolve("server-threads.json")));

        assertThat(server.stop(ServerProcess.STOP_LIMIT)).as("exit code of %s after SIGTERM", server).isZero();
        recorded = Recorded.read(server.recording());
        report = Analysed.report(server.recording());
        phases = phases(recorded);
    }

    @Test
    void everyLoadPhaseWasAnsweredWith200() {
        for (LoadResult result : List.of(keepAlive, fanout, multiplex)) {
            assertThat(result.errors()).as("errors of %s", result).isEmpty();
            assertThat(result.statusCounts().keySet()).as("statuses of %s", result).containsOnly(200);
        }
        assertThat(keepAlive.requests()).isEqualTo(KEEP_ALIVE_REQUESTS);
        assertThat(fanout.requests()).isEqualTo(FANOUT_REQUESTS);
    }

    /** Claim 1: could fail if a handler ran on a platform thread or its call was handed to another thread. */
    @Test
    void everyHandlerRanOnAVirtualThreadAndItsClientCallRanOnThatSameVirtualThread() {
        List<Request> hops = Stream.concat(phases.get(0).stream(), phases.get(2).stream()).toList();
        Map<Long, List<Call>> callsByRequest = recorded.calls.stream().collect(Collectors.groupingBy(Call::requestId));
        List<String> violations = new ArrayList<>();
        for (Request hop : hops) {
            List<Call> calls = callsByRequest.getOrDefault(hop.requestId(), List.of());
            if (!hop.virtual() || hop.threadId() != hop.eventThreadId()) {
                violations.add("handler not on the virtual thread it was committed on: " + hop);
            }
            if (calls.size() != 1) {
                violations.add(calls.size() + " client calls for " + hop);
                continue;
            }
            Call call = calls.get(0);
            if (!call.virtual() || call.threadId() != hop.threadId() || call.eventThreadId() != hop.threadId()
                    || call.handlerThreadId() != hop.threadId() || !hop.contains(call)) {
                violations.add("call not on its handler's thread during the request: " + call + " for " + hop);
            }
        }
        assertThat(violations).as("violations (%d)", violations.size()).isEmpty();
        assertThat((long) hops.size()).as("requests to / recorded")
                .isGreaterThanOrEqualTo(keepAlive.requests() + multiplex.requests());
        assertThat(recorded.requests).allSatisfy(r -> assertThat(r.virtual()).as("virtual: %s", r).isTrue());

        assertThat(report.requests().onVirtualThreads()).isEqualTo(report.requests().count())
                .isEqualTo(recorded.requests.size());
        assertThat(report.clientCalls().onHandlerThread()).as("analyser: calls on their handler's thread")
                .isEqualTo(hops.size());
        System.out.printf("claim 1: %d of %d requests to / ran on a virtual thread with their call on that thread%n",
                          hops.size() - violations.size(), hops.size());
    }

    /** Claim 1, fan-out: the calls ran on their own named virtual threads, on behalf of the handler's thread. */
    @Test
    void fanoutCallsRanOnTheirOwnNamedVirtualThreadsInsideTheirRequest() {
        List<Request> fanouts = phases.get(1);
        assertThat(fanouts).hasSize(FANOUT_REQUESTS);
        Map<Long, List<Call>> callsByRequest = recorded.calls.stream().collect(Collectors.groupingBy(Call::requestId));
        for (Request request : fanouts) {
            List<Call> calls = callsByRequest.getOrDefault(request.requestId(), List.of());
            assertThat(calls).as("calls of %s", request).hasSize(FANOUT_CALLS).allSatisfy(call -> {
                assertThat(call.virtual()).isTrue();
                assertThat(call.handlerThreadId()).isEqualTo(request.threadId());
                assertThat(call.threadId()).isNotEqualTo(request.threadId());
                assertThat(call.eventThreadName()).matches("loomscope-fanout-" + request.requestId() + "-\\d+");
                assertThat(request.contains(call)).as("%s inside %s", call, request).isTrue();
            });
            assertThat(calls.stream().map(Call::threadId).distinct()).hasSize(FANOUT_CALLS);
        }
    }

    /**
     * Claim 2: could fail if a span ran on a thread that is not a ForkJoinPool worker (a custom scheduler, a
     * platform thread), on workers of two pools, or on more distinct workers than the parallelism.
     */
    @Test
    void carriersAreTheVirtualThreadSchedulersWorkersAndNoMoreThanItsParallelism() {
        Set<String> carriers = carriers();
        assertThat(Stream.concat(recorded.requests.stream().flatMap(r -> Stream.of(r.startCarrier(), r.endCarrier())),
                                 recorded.calls.stream().flatMap(c -> Stream.of(c.startCarrier(), c.endCarrier()))))
                .as("every span of a virtual thread names its carriers").doesNotContain("");
        assertThat(carriers).allSatisfy(name -> assertThat(name).matches(CARRIER));
        Set<String> pools = carriers.stream().map(SchedulerClaimsTest::pool).collect(Collectors.toSet());
        assertThat(pools).as("ForkJoinPools behind the carriers").hasSize(1);

        long parallelism = recorded.parallelism();
        if (!recorded.systemProperties.containsKey("jdk.virtualThreadScheduler.parallelism")) {
            // The server ran on this machine without the property: its default is the processor count.
            assertThat(parallelism).isEqualTo(Runtime.getRuntime().availableProcessors());
        }
        assertThat((long) carriers.size()).as("distinct carriers %s", carriers).isLessThanOrEqualTo(parallelism);

        assertThat(report.carriers().count()).as("analyser: carriers").isEqualTo(carriers.size());
        assertThat(report.carriers().parallelism()).as("analyser: parallelism").isEqualTo((int) parallelism);
        System.out.printf("claim 2: %d carriers %s, parallelism %d%n", carriers.size(), carriers, parallelism);
    }

    /**
     * Claim 3: could fail if every call in the keep-alive phase (and the whole recording) resumed on the carrier
     * it started on.
     */
    @Test
    void aVirtualThreadMayResumeOnAnotherCarrierAfterABlockingCall() {
        assumeTrue(recorded.parallelism() >= 2, "needs 2 or more carriers; this machine gives the scheduler "
                + recorded.parallelism());
        List<Call> keepAliveCalls = callsOf(phases.get(0));
        assertThat(keepAliveCalls).hasSize(KEEP_ALIVE_REQUESTS);
        long moved = keepAliveCalls.stream().filter(c -> !c.startCarrier().equals(c.endCarrier())).count();
        assertThat(moved).as("calls of the keep-alive phase that resumed on another carrier").isPositive();

        long movedInAll = recorded.calls.stream().filter(c -> !c.startCarrier().equals(c.endCarrier())).count();
        assertThat(report.clientCalls().resumedOnOtherCarrier()).as("analyser").isEqualTo(movedInAll);
        System.out.printf("claim 3: %d of %d keep-alive calls resumed on another carrier (%d of %d in all)%n",
                          moved, keepAliveCalls.size(), movedInAll, recorded.calls.size());
    }

    /** Claim 4: could fail if requests were served a few at a time per carrier (a thread-per-carrier server). */
    @Test
    void fewCarriersServeManyRequestsAtOnce() {
        List<Request> multiplexed = phases.get(2);
        int peak = peakInFlight(multiplexed);
        int carriers = carriers().size();
        double perCarrier = (double) peak / carriers;
        System.out.printf("claim 4: peak in flight %d over %d carriers = %.1f per carrier (analyser: peak %d, ratio %s)%n",
                          peak, carriers, perCarrier, report.requests().peakInFlight(),
                          report.requests().multiplexingRatio());
        assertThat(perCarrier).as("peak in-flight requests per carrier").isGreaterThanOrEqualTo(100);

        assertThat(report.requests().peakInFlight()).as("analyser: peak in flight over the whole recording")
                .isCloseTo(peakInFlight(recorded.requests), org.assertj.core.data.Offset.offset(1L));
        assertThat(report.requests().multiplexingRatio()).isGreaterThanOrEqualTo(100);
    }

    /**
     * Claim 5: could fail if Helidon handed requests to a thread per request (more threads than connections) or
     * ran two requests of one connection at once (overlapping spans on one thread).
     */
    @Test
    void aKeepAliveConnectionRunsItsRequestsOneAfterAnotherOnItsOwnVirtualThread() {
        List<Request> requests = phases.get(0);
        assertThat(requests).as("requests of the keep-alive phase").hasSize(KEEP_ALIVE_REQUESTS);
        Map<Long, List<Request>> byThread = requests.stream()
                .collect(Collectors.groupingBy(Request::threadId, TreeMap::new, Collectors.toList()));
        assertThat(byThread).as("handler threads for %d connections", KEEP_ALIVE_CONNECTIONS)
                .hasSize(KEEP_ALIVE_CONNECTIONS);
        int fair = KEEP_ALIVE_REQUESTS / KEEP_ALIVE_CONNECTIONS;
        byThread.forEach((thread, onThread) -> {
            assertThat(onThread.size()).as("requests on thread %d", thread).isBetween(fair / 2, fair * 3 / 2);
            List<Request> inOrder = onThread.stream().sorted(Comparator.comparing(Request::start)).toList();
            for (int i = 1; i < inOrder.size(); i++) {
                assertThat(inOrder.get(i).start()).as("request %s starts after %s ended", inOrder.get(i), inOrder.get(i - 1))
                        .isAfterOrEqualTo(inOrder.get(i - 1).end());
            }
        });
        assertThat(report.requests().maxInFlightPerHandlerThread()).as("analyser").isEqualTo(1);
        System.out.printf("claim 5: %d requests on %d threads: %s%n", requests.size(), byThread.size(),
                          byThread.values().stream().map(List::size).toList());
    }

    /**
     * Claim 7: could fail if a fan-out thread outlived its request by more than its own exit, had no end in the
     * recording, or if a loomscope thread was still alive in the server or the test JVM once the load had stopped.
     */
    @Test
    void noVirtualThreadLoomscopeStartedOutlivesItsWork() {
        Map<Long, Instant> ends = recorded.virtualEnds.stream()
                .collect(Collectors.toMap(ThreadMark::threadId, ThreadMark::time, (a, b) -> a));
        List<ThreadMark> started = recorded.virtualStarts.stream().filter(t -> t.name().startsWith("loomscope-")).toList();
        assertThat(started).as("loomscope threads started in the server").hasSize(FANOUT_REQUESTS * FANOUT_CALLS);
        Duration latestExit = Duration.ZERO;
        for (ThreadMark thread : started) {
            Matcher name = FANOUT_THREAD.matcher(thread.name());
            assertThat(name.matches()).as(thread.name()).isTrue();
            Request parent = recorded.request(Long.parseLong(name.group(1))).orElseThrow();
            // The executor's close() returns once the tasks are done; the thread's own exit, and with it
            // jdk.VirtualThreadEnd, may come a moment later (72 us seen): hence a margin, not the request's end.
            assertThat(ends.get(thread.threadId())).as("end of %s", thread).isNotNull()
                    .isBeforeOrEqualTo(parent.end().plus(THREAD_EXIT_MARGIN));
            Duration afterRequest = Duration.between(parent.end(), ends.get(thread.threadId()));
            latestExit = afterRequest.compareTo(latestExit) > 0 ? afterRequest : latestExit;
        }
        assertThat(loomscopeThreadsInServerAfterLoad).as("loomscope threads alive in the server after the load").isEmpty();
        assertThat(loadThreadsInTestJvmAfterLoad).as("load generator threads alive after it returned").isEmpty();
        assertThat(report.virtualThreads().loomscopeStarted()).isEqualTo(started.size());
        assertThat(report.virtualThreads().loomscopeAliveAtEnd()).isZero();
        System.out.printf("claim 7: %d loomscope threads started and ended, the latest %d us after its request;"
                                  + " alive after the load: %d in the server, %d in the test JVM%n", started.size(),
                          latestExit.toNanos() / 1000, loomscopeThreadsInServerAfterLoad.size(),
                          loadThreadsInTestJvmAfterLoad.size());
    }

    /** The analyser's requests.byPath and every path filter depend on it. */
    @Test
    void requestEventsNameThePathThatWasRequested() {
        assertThat(phases.get(1)).extracting(Request::path).as("paths of /fanout requests").containsOnly("/fanout");
        assertThat(phases.get(0)).extracting(Request::path).as("paths of / requests").containsOnly("/");
    }

    private static void mark(ServerProcess server) throws Exception {
        assertThat(RawHttp.get("127.0.0.1", server.port(), MARKER, Duration.ofSeconds(10)).status()).isEqualTo(400);
    }

    // Requests between consecutive markers, by request id.
    private static List<List<Request>> phases(Recorded recorded) {
        List<Long> markers = recorded.requests.stream().filter(r -> r.status() == 400).map(Request::requestId)
                .sorted().toList();
        assertThat(markers).as("marker requests").hasSize(4);
        List<List<Request>> phases = new ArrayList<>();
        for (int i = 0; i + 1 < markers.size(); i++) {
            long from = markers.get(i);
            long to = markers.get(i + 1);
            phases.add(recorded.requests(r -> r.requestId() > from && r.requestId() < to));
        }
        return phases;
    }

    private static List<Call> callsOf(List<Request> requests) {
        Set<Long> ids = requests.stream().map(Request::requestId).collect(Collectors.toSet());
        return recorded.calls.stream().filter(c -> ids.contains(c.requestId())).toList();
    }

    // Distinct carriers in loomscope events and pins, as the contract defines the analyser's count.
    private static Set<String> carriers() {
        Set<String> carriers = new TreeSet<>();
        recorded.requests.forEach(r -> {
            carriers.add(r.startCarrier());
            carriers.add(r.endCarrier());
        });
        recorded.calls.forEach(c -> {
            carriers.add(c.startCarrier());
            carriers.add(c.endCarrier());
        });
        recorded.pins.forEach(p -> carriers.add(p.carrier()));
        carriers.remove("");
        return carriers;
    }

    private static String pool(String carrier) {
        Matcher matcher = CARRIER.matcher(carrier);
        return matcher.matches() ? matcher.group(1) : carrier;
    }

    // Sweep over starts (+1) and ends (-1); at equal instants an end goes first, so back-to-back spans don't overlap.
    static int peakInFlight(List<Request> requests) {
        List<long[]> edges = new ArrayList<>(requests.size() * 2);
        for (Request r : requests) {
            edges.add(new long[] {nanos(r.start()), 1});
            edges.add(new long[] {nanos(r.end()), -1});
        }
        edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        int now = 0;
        int peak = 0;
        for (long[] edge : edges) {
            now += (int) edge[1];
            peak = Math.max(peak, now);
        }
        return peak;
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static List<String> loomscope(List<String> threadNames) {
        return threadNames.stream().filter(name -> name.startsWith("loomscope-")).toList();
    }
}
