package dev.loomscope.jfr.analysis;

import java.util.List;

/**
 * The carrier lanes of the HTML page, made small enough for a browser whatever the number of slices: the whole
 * recording as per-pixel buckets (busy share and the thread that ran most, per lane), and the recording cut into
 * windows, each with its exact slices when it holds few enough, else buckets of its own.
 *
 * <p>Times are nanoseconds since the recording's start. Thread, kind and source values are indexes into
 * {@link #threads()}, {@link #kinds()} and {@link #sources()}; a lane is an index into {@link #carriers()}.
 *
 * @param carriers      lane names, in name order
 * @param threads       the virtual threads the lanes name
 * @param kinds         how slices ended
 * @param sources       wake-up sources
 * @param durationNanos the recording's length
 * @param slices        slices in the recording
 * @param exactSlices   slices sent exactly (in windows of at most {@code detailCap})
 * @param detailCap     most slices a window may hold to be sent exactly
 * @param overview      the whole recording
 * @param windows       the recording in equal windows
 */
public record SliceLanes(List<String> carriers, List<String> threads, List<String> kinds, List<String> sources,
                         long durationNanos, long slices, long exactSlices, int detailCap, Buckets overview,
                         List<Window> windows) {

    /** Values per exact slice in {@link Window#exact()}. */
    public static final int EXACT_FIELDS = 9;

    /**
     * Time buckets per lane.
     *
     * @param fromNanos   start of the first bucket
     * @param bucketNanos width of one
     * @param busy        per lane, per bucket: busy share 0..255
     * @param dominant    per lane, per bucket: the thread of the longest stretch in it, -1 when idle
     */
    public record Buckets(long fromNanos, long bucketNanos, int[][] busy, int[][] dominant) {
    }

    /**
     * One window: exact slices, or buckets when it holds more than the cap.
     *
     * @param fromNanos start
     * @param toNanos   end
     * @param exact     per slice, {@link #EXACT_FIELDS} values: lane, start, end, thread, kind, request id (-1),
     *                  wake-up time (-1), the waker's lane (-1 when it ran on no carrier), wake-up source (-1);
     *                  null when the window has buckets instead
     * @param buckets   null when the window is exact
     */
    public record Window(long fromNanos, long toNanos, long[] exact, Buckets buckets) {
    }
}
