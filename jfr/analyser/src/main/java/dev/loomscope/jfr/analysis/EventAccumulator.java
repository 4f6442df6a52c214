package dev.loomscope.jfr.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.loomscope.jfr.read.ReadNotes;
import dev.loomscope.jfr.event.ClientCallEvent;
import dev.loomscope.jfr.event.ServerRequestEvent;
import dev.loomscope.jfr.read.EventHandlers;
import dev.loomscope.jfr.read.FieldDecoder;

/**
 * Everything one report needs, gathered from the events of one or more files, or of one chunk as a part to merge,
 * by two parts: {@link SpanAccumulator} (requests, calls, pins) and {@link ThreadAccumulator} (virtual threads and
 * the rest).
 */
final class EventAccumulator {

    private final SpanAccumulator spans;
    private final ThreadAccumulator threads = new ThreadAccumulator();
    private final SliceAccumulator slices;
    private long chunkBytes;

    /** An accumulator of one or more whole files. */
    EventAccumulator() {
        this(false, 256, 64);
    }

    private EventAccumulator(boolean chunkPart, int spans, int slices) {
        this.spans = new SpanAccumulator(chunkPart, spans);
        this.slices = new SliceAccumulator(chunkPart);
        this.slices.reserve(slices);
    }

    /**
     * An accumulator of one chunk's events, to be {@link #merge merged} into a file's in chunk order. Its name
     * dictionaries are unlimited: the limits apply when merged, where they give what one pass over the file would.
     * It has room for {@code spans} requests and as many calls, and for {@code slices} slices and as many wake-ups:
     * growing from small arrays a chunk at a time cost copies and fresh memory.
     */
    static EventAccumulator forChunk(int spans, int slices) {
        return new EventAccumulator(true, spans, slices);
    }

    /**
     * Makes room for {@code scale} times what {@code part} holds, so that merging the parts of a file whose chunks
     * are alike copies each array once instead of again at every doubling.
     */
    void reserveLike(EventAccumulator part, double scale) {
        spans.reserveLike(part.spans, scale);
        slices.reserveLike(part.slices, scale);
    }

    /** Notes the size of the chunk this part holds the events of. */
    void chunkBytes(long bytes) {
        chunkBytes = bytes;
    }

    long chunkBytes() {
        return chunkBytes;
    }

    /** The larger of its request and call counts. */
    int spanCount() {
        return spans.spanCount();
    }

    /** The larger of its slice and wake-up counts. */
    int sliceCount() {
        return slices.largestCount();
    }

    /** Called on a chunk's part once its chunk is read, on the thread that read it. */
    void chunkRead() {
        spans.sortForMerge();
        threads.sortForMerge();
        slices.sortForMerge();
    }

    /** Adds what {@code part} gathered from the next chunk of the current file; {@code part} is left as it is. */
    void merge(EventAccumulator part) {
        spans.merge(part.spans);
        threads.merge(part.threads);
        slices.merge(part.slices);
    }

    /**
     * Registers a handler per event type on {@code reader}, and one for every event. Each type has its own method:
     * the reader's call site then stays megamorphic, so the JIT compiles each handler once on its own instead of
     * inlining them all into the reading loop and compiling them again as one switch.
     */
    EventHandlers register(EventHandlers reader) {
        threads.handlers(true).forEach(reader::onEvent);
        Map<String, FieldDecoder> spanDecoders = spans.decoders();
        spans.handlers(true).forEach((type, handler) -> reader.onEvent(type, handler, spanDecoders.get(type)));
        Map<String, FieldDecoder> sliceDecoders = slices.decoders();
        slices.handlers().forEach((type, handler) -> reader.onEvent(type, handler, sliceDecoders.get(type)));
        return reader.onEveryEvent(threads::every);
    }

    /**
     * Registers only what {@link #pinningFacts} needs: pins, submit failures, settings and the recorder's events;
     * every other event is skipped by its size.
     */
    EventHandlers registerPinning(EventHandlers reader) {
        threads.handlers(false).forEach(reader::onEvent);
        spans.handlers(false).forEach(reader::onEvent);
        slices.handlers().forEach(reader::onEvent);
        return reader;
    }

    /** The pinning, submit-failure and slices sections alone, as {@link #report} gives them. */
    PinningFacts pinningFacts(String source) {
        // This pass sees no event but its own: the slices' buckets span the slices.
        return new PinningFacts(source, pinning(), threads.submitFailures(), threads.facts().unfinishedChunks(),
                                slices.slices(Long.MAX_VALUE, Long.MIN_VALUE, spans.pinSpans(), null, null),
                                slices.recorder());
    }

    private Report.Pinning pinning() {
        return threads.recorded(JdkEvents.VIRTUAL_THREAD_PINNED, spans.pinCount())
                ? spans.pinning().withThreshold(threads.pinThreshold()) : null;
    }

    /** Adds what reading a file tolerated: it goes into the report's recording facts. */
    void noteRead(ReadNotes notes) {
        threads.noteRead(notes);
    }

    /** Says that the JDK's reader read the current file, and why. */
    void noteJdkReader(String why) {
        threads.noteJdkReader(why);
    }

    /** Called before the events of each file. */
    void beginFile() {
        spans.beginFile();
        threads.beginFile();
        slices.beginFile();
    }

    /** Called after the events of each file, once both parts have seen them. */
    void endFile() {
        long tag = threads.endFile();
        spans.endFile(tag);
        slices.endFile(tag);
    }

    Report report(List<String> sources) {
        boolean requestsRecorded = threads.recorded(ServerRequestEvent.NAME, spans.requestCount());
        Report.RecordingFacts facts = threads.facts();
        // The slices section is the longest chain of work (sort, regroup, then walks): it starts first, on a thread
        // of its own. The request section sorts millions of spans; the rest only reads them, so all run at once.
        Forked<Slices> slicePart = Forked.start(() -> slices.slices(
                facts.start() == null ? Long.MAX_VALUE : nanos(facts.start()),
                facts.end() == null ? Long.MIN_VALUE : nanos(facts.end()), spans.pinSpans(),
                requestsRecorded ? spans.requestSpans() : null, spans.paths()));
        CarrierUse carrierUse = spans.carrierUse();
        Report.Carriers carrierSection = carrierUse.carriers(threads.parallelism());
        CompletableFuture<Report.Requests> requestSection = requestsRecorded
                ? CompletableFuture.supplyAsync(() -> spans.requests(carrierSection)) : null;
        Report.VirtualThreads virtualThreads = threads.virtualThreads();
        Report.ClientCalls callSection = threads.recorded(ClientCallEvent.NAME, spans.callCount()) ? spans.clientCalls() : null;
        Report.Pinning pinning = pinning();
        Report.SubmitFailures failures = threads.submitFailures();
        Verdict.Usage usage = carrierUse.usage();
        // Here, while the other sections run: after them it was a serial tail of a few hundred milliseconds.
        ConnectionModels connections = requestsRecorded ? spans.connectionModels() : null;
        Slices sliceSection = slicePart.join();
        Report.Requests requests = requestSection == null ? null : requestSection.join();
        String verdict = Verdict.of(requests, callSection, virtualThreads, pinning, usage,
                                    JdkVersion.feature(threads.facts().jdk()), sliceSection)
                + (connections == null ? "" : " " + connections.verdict());
        Report report = new Report(List.copyOf(sources), facts, carrierSection, virtualThreads, requests,
                                   callSection, pinning, failures, connections, sliceSection, slices.recorder(),
                                   List.of(), verdict);
        return new Report(report.sources(), report.recording(), carrierSection, virtualThreads, requests, callSection,
                          pinning, failures, connections, sliceSection, slices.recorder(), Section.missing(report),
                          verdict);
    }

    /** Carrier lanes from the slices, for the HTML page; null without slices. */
    SliceLanes sliceLanes() {
        Report.RecordingFacts facts = threads.facts();
        return slices.lanes(facts.start() == null ? Long.MAX_VALUE : nanos(facts.start()),
                            facts.end() == null ? Long.MIN_VALUE : nanos(facts.end()),
                            threads.recorded(ServerRequestEvent.NAME, spans.requestCount()) ? spans.requestSpans() : null);
    }

    Timeline timeline(String source, int cap) {
        return timeline(source, cap, 0);
    }

    /** The timeline whose kept spans start {@code fromNanos} after the recording's first event or later. */
    Timeline timeline(String source, int cap, long fromNanos) {
        return spans.timeline(source, cap, threads.firstNanos(), threads.lastNanos(),
                              fromNanos <= 0 ? Long.MIN_VALUE : threads.firstNanos() + fromNanos);
    }

    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
