package dev.loomscope.jfr.analysis;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.loomscope.jfr.event.RecorderStatusEvent;
import dev.loomscope.jfr.event.VirtualThreadSliceEvent;
import dev.loomscope.jfr.event.VirtualThreadWakeupEvent;
import dev.loomscope.jfr.read.EventFields;
import dev.loomscope.jfr.read.FieldDecoder;
import dev.loomscope.jfr.read.JfrEvent;

/**
 * The loomscope recorder's events of one report: slices, wake-ups and the recorder's status, with the carriers,
 * virtual threads, end kinds and sources they name.
 *
 * <p>Thread ids are unique only within one JVM, so a whole accumulator gathers each file apart and adds it at the
 * file's end with the JVM's tag in the ids' top bits, as {@link SpanAccumulator} tags its spans.
 */
final class SliceAccumulator {

    private final ThreadTable carriers = new ThreadTable();
    private final ThreadTable threads = new ThreadTable();
    private final ThreadTable wakers = new ThreadTable();
    private final Names kinds = new Names(100);
    private final Names sources = new Names(100);
    private final SliceStore store = new SliceStore();
    private final SliceFields sliceFields = new SliceFields();
    private final SliceFields wakeupFields = new SliceFields();
    private final boolean part;
    private SliceAccumulator file;
    private boolean filesBegun;
    private Report.Recorder recorder;
    // The report's section and the page's lanes need the same sorted orders: made once per window asked for.
    private SliceAnalysis analysis;
    private long analysisFrom;
    private long analysisTo;

    /** With {@code part}, the accumulator of one chunk or one file; else of a whole report. */
    SliceAccumulator(boolean part) {
        this.part = part;
    }

    /** Handlers for the recorder's three event types, one method each. */
    Map<String, Consumer<JfrEvent>> handlers() {
        return Map.of(VirtualThreadSliceEvent.NAME, this::slice, VirtualThreadWakeupEvent.NAME, this::wakeup,
                      RecorderStatusEvent.NAME, this::status);
    }

    /** Decoders for the slices and wake-ups of this recorder's own layout, which gather what the handlers do. */
    Map<String, FieldDecoder> decoders() {
        return Map.of(VirtualThreadSliceEvent.NAME, new SliceDecoder(), VirtualThreadWakeupEvent.NAME,
                      new WakeupDecoder());
    }

    private void slice(JfrEvent event) {
        SliceFields f = sliceFields;
        f.update(event);
        int carrier = carriers.index(event, f.eventThread);
        int thread = threads.index(event, f.virtualThread);
        if (carrier >= 0 && thread >= 0) {
            store.addSlice(event.startNanos(), event.endNanos(), carrier, thread,
                           kinds.index(SpanStore.text(event.getString(f.end))));
        }
    }

    private void wakeup(JfrEvent event) {
        SliceFields f = wakeupFields;
        f.update(event);
        int thread = threads.index(event, f.virtualThread);
        if (thread >= 0) {
            store.addWakeup(event.startNanos(), thread, sources.index(SpanStore.text(event.getString(f.source))),
                            wakers.index(event, f.eventThread));
        }
    }

    // The recorder's two types alike: eventThread, stackTrace (off), virtualThread, then the string saying how.
    private static final FieldDecoder.Field VIRTUAL_THREAD = new FieldDecoder.Field("virtualThread",
                                                                                     FieldDecoder.Kind.THREAD);
    private static final List<FieldDecoder.Field> SLICE_FIELDS = JdkEvents.afterEventThreadAndStackTrace(
            VIRTUAL_THREAD, new FieldDecoder.Field("end", FieldDecoder.Kind.STRING));
    private static final List<FieldDecoder.Field> WAKEUP_FIELDS = JdkEvents.afterEventThreadAndStackTrace(
            VIRTUAL_THREAD, new FieldDecoder.Field("source", FieldDecoder.Kind.STRING));
    private static final int END = FieldDecoder.position(SLICE_FIELDS, "end");
    private static final int SOURCE = FieldDecoder.position(WAKEUP_FIELDS, "source");

    /** What {@link #slice} gathers, read field by field. */
    private final class SliceDecoder implements FieldDecoder {

        @Override
        public List<Field> fields() {
            return SLICE_FIELDS;
        }

        @Override
        public void decode(long startNanos, long endNanos, EventFields in) {
            long carrierKey = in.nextLong();
            in.nextLong();
            long threadKey = in.nextLong();
            String end = in.nextString(END);
            int carrier = carriers.index(in, carrierKey);
            int thread = threads.index(in, threadKey);
            if (carrier >= 0 && thread >= 0) {
                store.addSlice(startNanos, endNanos, carrier, thread, kinds.index(SpanStore.text(end)));
            }
        }
    }

    /** What {@link #wakeup} gathers, read field by field. */
    private final class WakeupDecoder implements FieldDecoder {

        @Override
        public List<Field> fields() {
            return WAKEUP_FIELDS;
        }

        @Override
        public void decode(long startNanos, long endNanos, EventFields in) {
            long wakerKey = in.nextLong();
            in.nextLong();
            long threadKey = in.nextLong();
            String source = in.nextString(SOURCE);
            int thread = threads.index(in, threadKey);
            if (thread >= 0) {
                store.addWakeup(startNanos, thread, sources.index(SpanStore.text(source)), wakers.index(in, wakerKey));
            }
        }
    }

    private void status(JfrEvent event) {
        String state = event.getString(event.field("state"));
        // Off in any chunk says the recorder was off then: it wins over on.
        if (recorder == null || !RecorderStatusEvent.OFF.equals(recorder.state())) {
            recorder = new Report.Recorder(state, event.getString(event.field("reason")),
                                           event.getString(event.field("javaVersion")));
        }
    }

    /**
     * Called before the events of each file. The first file's thread ids get no tag (its JVM is the first), so its
     * chunks go straight into this accumulator: gathered apart, its millions of slices would be copied once more.
     */
    void beginFile() {
        file = part || !filesBegun ? null : new SliceAccumulator(true);
        filesBegun = true;
    }

    /** Adds what {@code chunk} gathered from the next chunk of the current file. */
    void merge(SliceAccumulator chunk) {
        (part || file == null ? this : file).append(chunk, 0);
    }

    /** Called after the events of each file: {@code tag} goes into the top bits of its thread ids. */
    void endFile(long tag) {
        if (!part && file != null) {
            append(file, tag);
            file = null;
        }
    }

    private void append(SliceAccumulator other, long tag) {
        store.append(other.store, carriers.indexesOf(other.carriers, tag), threads.indexesOf(other.threads, tag),
                     kinds.indexesOf(other.kinds), sources.indexesOf(other.sources),
                     wakers.indexesOf(other.wakers, tag));
        if (other.recorder != null && (recorder == null || !RecorderStatusEvent.OFF.equals(recorder.state()))) {
            recorder = other.recorder;
        }
    }

    /** Called on a chunk's part once its chunk is read: sorts its slices by time for the merge. */
    void sortForMerge() {
        store.sortForMerge(carriers.size());
    }

    /** What the recorder said of itself; null when the recording has no loomscope.RecorderStatus. */
    Report.Recorder recorder() {
        return recorder;
    }

    /** Makes room for {@code room} slices and as many wake-ups. */
    void reserve(int room) {
        store.reserve(room, room);
    }

    /** The larger of its slice and wake-up counts. */
    int largestCount() {
        return Math.max(store.slices(), store.wakeups());
    }

    /** Makes room in the current file for as many slices and wake-ups as {@code chunk} holds, times {@code scale}. */
    void reserveLike(SliceAccumulator chunk, double scale) {
        (part || file == null ? this : file).store.reserve(
                (int) Math.min(Integer.MAX_VALUE - 8, chunk.store.slices() * scale),
                (int) Math.min(Integer.MAX_VALUE - 8, chunk.store.wakeups() * scale));
    }

    int sliceCount() {
        return store.slices();
    }

    /**
     * The slices section; null without slices.
     *
     * @param fromNanos start of the recording, for the buckets over time
     * @param toNanos   its end
     * @param pins      jdk.VirtualThreadPinned spans, to find the pinned time of each carrier
     * @param requests  loomscope.ServerRequest spans to join, null when not recorded
     * @param paths     their paths' dictionary
     */
    Slices slices(long fromNanos, long toNanos, SpanStore pins, RequestSpans requests, Names paths) {
        if (store.slices() == 0) {
            return null;
        }
        return analysis(fromNanos, toNanos).slices(pins, requests, paths);
    }

    /** The carrier lanes of the HTML page, from {@code fromNanos} (its origin) to {@code toNanos}; null without slices. */
    SliceLanes lanes(long fromNanos, long toNanos, RequestSpans requests) {
        if (store.slices() == 0) {
            return null;
        }
        return new SliceLaneBuilder(store, carriers, threads, wakers, kinds, sources, analysis(fromNanos, toNanos))
                .lanes(requests);
    }

    private SliceAnalysis analysis(long fromNanos, long toNanos) {
        if (analysis == null || analysisFrom != fromNanos || analysisTo != toNanos) {
            analysis = newAnalysis(fromNanos, toNanos);
            analysisFrom = fromNanos;
            analysisTo = toNanos;
        }
        return analysis;
    }

    private SliceAnalysis newAnalysis(long fromNanos, long toNanos) {
        long from = fromNanos;
        long to = toNanos;
        if (from > to) {
            // Window unknown (a pass that reads only these events): the slices' own.
            for (int i = 0; i < store.slices(); i++) {
                from = Math.min(from, store.start(i));
                to = Math.max(to, store.end(i));
            }
        }
        return new SliceAnalysis(store, carriers, threads, kinds, sources, from, to);
    }
}
