package dev.loomscope.server;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.loomscope.client.CallOrigin;
import dev.loomscope.client.UpstreamClient;
import dev.loomscope.client.UpstreamReply;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /fanout}: N blocking upstream calls in parallel, each on its own named virtual thread, within a cap on
 * the calls all fan-outs have in flight and a deadline per fan-out.
 */
final class FanoutService implements HttpService {

    private final UpstreamTarget upstream;
    private final UpstreamClient client;
    private final FanoutLimits limits;
    // One permit per upstream call in flight, across all fan-outs.
    private final Semaphore callsInFlight;

    FanoutService(UpstreamTarget upstream, UpstreamClient client, FanoutLimits limits) {
        this.upstream = upstream;
        this.client = client;
        this.limits = limits;
        this.callsInFlight = new Semaphore(limits.maxCallsInFlight());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::fanout);
    }

    private void fanout(ServerRequest req, ServerResponse res) throws InterruptedException {
        Checkpoint handlerStart = Checkpoint.at("handler-start");
        int calls = QueryParams.get(req, QueryParams.CALLS);
        URI uri = upstream.uriFor(req, QueryParams.get(req, QueryParams.DELAY_MS), QueryParams.get(req, QueryParams.BYTES));
        long requestId = RequestIds.of(req);
        CallOrigin origin = new CallOrigin(requestId, handlerStart.threadId());

        // All permits at once or none: fan-outs that each took some would wait for each other's.
        if (!callsInFlight.tryAcquire(calls)) {
            ProblemHandlers.fanoutRejected(res, Status.SERVICE_UNAVAILABLE_503,
                                           "too many upstream calls in flight: a fan-out of " + calls
                                                   + " would exceed the limit of " + limits.maxCallsInFlight()
                                                   + "; try again later");
            return;
        }
        long start = System.nanoTime();
        List<CallReport> reports;
        try {
            reports = callAll(calls, uri, origin, requestId, start);
        } catch (FanoutTimeoutException e) {
            ProblemHandlers.fanoutRejected(res, Status.GATEWAY_TIMEOUT_504, "the fan-out of " + calls
                    + " calls did not finish within " + describe(limits.timeout()));
            return;
        } finally {
            callsInFlight.release(calls);
        }
        reports.sort((a, b) -> Integer.compare(a.index(), b.index()));
        TreeSet<String> carriers = new TreeSet<>();
        TreeSet<Long> threadIds = new TreeSet<>();
        for (CallReport report : reports) {
            threadIds.add(report.before().threadId());
            report.checkpoints().forEach(checkpoint -> carriers.add(checkpoint.carrier()));
        }
        carriers.remove("");
        res.send(new FanoutReport(requestId, calls, handlerStart, threadIds.size(), List.copyOf(carriers),
                                  (System.nanoTime() - start) / 1_000_000.0, reports));
    }

    // Every call, in the order they finished; the first failure, or the fan-out's deadline, ends the others.
    private List<CallReport> callAll(int calls, URI uri, CallOrigin origin, long requestId, long start)
            throws InterruptedException, FanoutTimeoutException {
        List<CallReport> reports = new ArrayList<>(calls);
        long deadline = start + limits.timeout().toNanos();
        // Named so the recording can tell loomscope's threads apart: unnamed virtual threads show as "" in JFR.
        var threads = Thread.ofVirtual().name("loomscope-fanout-" + requestId + "-", 0).factory();
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(threads)) {
            CompletionService<CallReport> completions = new ExecutorCompletionService<>(executor);
            List<Future<CallReport>> futures = new ArrayList<>(calls);
            for (int i = 0; i < calls; i++) {
                int index = i;
                futures.add(completions.submit(() -> call(index, uri, origin)));
            }
            for (int i = 0; i < calls; i++) {
                Future<CallReport> done = completions.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (done == null) {
                    // Interrupting a virtual thread blocked on a socket closes the socket: the calls end now.
                    futures.forEach(future -> future.cancel(true));
                    throw new FanoutTimeoutException();
                }
                try {
                    reports.add(done.get());
                } catch (ExecutionException e) {
                    futures.forEach(future -> future.cancel(true));
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                }
            }
        }
        return reports;
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** The fan-out's deadline passed before its last call ended. */
    private static final class FanoutTimeoutException extends Exception {
        private static final long serialVersionUID = 1L;

        FanoutTimeoutException() {
            super(null, null, false, false);
        }
    }

    private CallReport call(int index, URI uri, CallOrigin origin) {
        UpstreamReply reply = client.get(uri, origin);
        Checkpoint before = Checkpoint.of("before-call", reply.before());
        Checkpoint after = Checkpoint.of("after-call", reply.after());
        return new CallReport(index, List.of(before, after), !before.carrier().equals(after.carrier()),
                              reply.status(), reply.elapsedNanos() / 1_000_000.0);
    }

    /**
     * The answer of {@code GET /fanout}.
     *
     * @param requestId              loomscope request id, as in the JFR events
     * @param calls                  number of calls made
     * @param handler                thread and carrier of the handler when it started
     * @param distinctVirtualThreads how many virtual threads made the calls
     * @param distinctCarriers       carriers seen at the calls' checkpoints
     * @param wallMillis             time from the first call started to the last one done
     * @param results                every call, in the order they were started
     */
    record FanoutReport(long requestId, int calls, Checkpoint handler, int distinctVirtualThreads,
                        List<String> distinctCarriers, double wallMillis, List<CallReport> results) {
    }

    /**
     * One call of a fan-out.
     *
     * @param index          position of the call, from 0
     * @param checkpoints    thread and carrier before and after the call
     * @param carrierChanged whether the thread resumed on another carrier
     * @param status         upstream status
     * @param elapsedMillis  duration of the call
     */
    record CallReport(int index, List<Checkpoint> checkpoints, boolean carrierChanged, int status,
                      double elapsedMillis) {

        Checkpoint before() {
            return checkpoints.get(0);
        }
    }
}
