package dev.loomscope.jfr.analysis;

/**
 * Most things alive at once, from their start and end times walked in time order.
 *
 * <p>Starts and ends are kept apart and sorted apart: each arrives nearly in order (events are committed as things
 * end, a buffer at a time), which the JDK's sort finishes in close to linear time, where one mixed array of both
 * would be far from sorted. The walk takes an end before a start at the same instant, so back-to-back spans do not
 * count as overlapping. An end with nothing alive (a thread started before the recording) is ignored.
 */
final class PeakCounter {

    private final LongRuns starts;
    private final LongRuns ends;

    PeakCounter() {
        this(256);
    }

    /** Room for {@code capacity} starts and as many ends before growing. */
    PeakCounter(int capacity) {
        starts = new LongRuns(capacity);
        ends = new LongRuns(capacity);
    }

    void up(long nanos) {
        starts.add(nanos);
    }

    void down(long nanos) {
        ends.add(nanos);
    }

    /** Adds every start and end of {@code other}. */
    void addAll(PeakCounter other) {
        starts.addAll(other.starts);
        ends.addAll(other.ends);
    }

    /** Sorts what it holds now, so that a later {@link #peak()} of this and more is quicker. */
    void sort() {
        starts.sort();
        ends.sort();
    }

    /** Makes room for {@code room} starts and as many ends. */
    void reserve(int room) {
        starts.reserve(room);
        ends.reserve(room);
    }

    /** Forgets every instant, keeping the memory for the next count. */
    void clear() {
        starts.clear();
        ends.clear();
    }

    long peak() {
        sort();
        return peak(starts.values(), starts.size(), ends.values(), ends.size());
    }

    /** The peak of {@code starts[0, startCount)} and {@code ends[0, endCount)}, both sorted. */
    static long peak(long[] starts, int startCount, long[] ends, int endCount) {
        long alive = 0;
        long peak = 0;
        int end = 0;
        for (int start = 0; start < startCount; start++) {
            while (end < endCount && ends[end] <= starts[start]) {
                if (alive > 0) {
                    alive--;
                }
                end++;
            }
            alive++;
            peak = Math.max(peak, alive);
        }
        return peak;
    }
}
