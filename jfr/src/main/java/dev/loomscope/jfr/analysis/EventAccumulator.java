package dev.loomscope.jfr.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.loomscope.jfr.read.JfrEvent;

/**
 * Everything one report needs, gathered in one pass over the events of one or more files by two parts:
 * {@link SpanAccumulator} (requests, calls, pins) and {@link ThreadAccumulator} (virtual threads and the rest).
 */
final class EventAccumulator {

    static final String SERVER_REQUEST = "loomscope.ServerRequest";
    static final String CLIENT_CALL = "loomscope.ClientCall";
    static final String VIRTUAL_THREAD_START = "jdk.VirtualThreadStart";
    static final String VIRTUAL_THREAD_END = "jdk.VirtualThreadEnd";
    static final String VIRTUAL_THREAD_PINNED = "jdk.VirtualThreadPinned";
    static final String VIRTUAL_THREAD_SUBMIT_FAILED = "jdk.VirtualThreadSubmitFailed";
    /** The key of {@link #handlers()} for the handler that sees every event. */
    static final String EVERY = "";

    private final SpanAccumulator spans = new SpanAccumulator();
    private final ThreadAccumulator threads = new ThreadAccumulator();

    SpanAccumulator spans() {
        return spans;
    }

    ThreadAccumulator threads() {
        return threads;
    }

    /**
     * A handler per event type for the reader, and one for every event under {@link #EVERY}. Each type has its
     * own method: the reader's call site then stays megamorphic, so the JIT compiles each handler once on its own
     * instead of inlining them all into the reading loop and compiling them again as one switch.
     */
    Map<String, Consumer<JfrEvent>> handlers() {
        Map<String, Consumer<JfrEvent>> handlers = new HashMap<>(threads.handlers());
        handlers.putAll(spans.handlers());
        handlers.put(EVERY, threads::every);
        return handlers;
    }

    /** Called before the events of each file. */
    void beginFile() {
        spans.beginFile();
        threads.beginFile();
    }

    /** Called after the events of each file, once both parts have seen them. */
    void endFile() {
        spans.endFile(threads.endFile());
    }

    Report report(List<String> sources) {
        List<String> missing = new ArrayList<>();
        Report.Carriers carrierSection = spans.carriers(threads.parallelism());
        if (carrierSection == null) {
            missing.add(Report.CARRIERS);
        }
        // The request section sorts millions of spans; the rest only reads them, so both run at once.
        CompletableFuture<Report.Requests> requestSection = threads.recorded(SERVER_REQUEST, spans.requestCount())
                ? CompletableFuture.supplyAsync(() -> spans.requests(carrierSection)) : null;
        Report.VirtualThreads virtualThreads = threads.virtualThreads();
        if (virtualThreads == null) {
            missing.add(Report.VIRTUAL_THREADS);
        }
        if (requestSection == null) {
            missing.add(Report.REQUESTS);
        }
        Report.ClientCalls callSection = null;
        if (threads.recorded(CLIENT_CALL, spans.callCount())) {
            callSection = spans.clientCalls();
        } else {
            missing.add(Report.CLIENT_CALLS);
        }
        Report.Pinning pinning = null;
        if (threads.recorded(VIRTUAL_THREAD_PINNED, spans.pinCount())) {
            pinning = spans.pinning();
        } else {
            missing.add(Report.PINNING);
        }
        Report.SubmitFailures failures = threads.submitFailures();
        if (failures == null) {
            missing.add(Report.SUBMIT_FAILURES);
        }
        Verdict.Usage usage = spans.usage();
        Report.Requests requests = requestSection == null ? null : requestSection.join();
        String verdict = Verdict.of(requests, callSection, virtualThreads, pinning, usage);
        return new Report(List.copyOf(sources), threads.facts(), carrierSection, virtualThreads, requests,
                          callSection, pinning, failures, List.copyOf(missing), verdict);
    }

    Timeline timeline(String source, int cap) {
        return spans.timeline(source, cap);
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
