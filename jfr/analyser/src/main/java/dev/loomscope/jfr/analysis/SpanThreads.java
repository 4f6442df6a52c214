package dev.loomscope.jfr.analysis;

import com.carrotsearch.hppc.LongIntHashMap;

/**
 * The spans of a {@link SpanStore} grouped by thread id, each group in index order: group g is thread
 * {@code ids[g]}, its spans {@code order[firsts[g]..firsts[g+1]]}, their start and end times copied beside them.
 * Made once for the peak per thread and the join with the slices, which both walk the spans a thread at a time:
 * read from the store, each span's times would be two cache misses.
 */
final class SpanThreads {

    final long[] ids;
    final int[] firsts;
    final int[] order;
    final long[] start;
    final long[] end;

    private SpanThreads(long[] ids, int[] firsts, int[] order, SpanStore spans) {
        this.ids = ids;
        this.firsts = firsts;
        this.order = order;
        this.start = new long[order.length];
        this.end = new long[order.length];
        for (int k = 0; k < order.length; k++) {
            start[k] = spans.start(order[k]);
            end[k] = spans.end(order[k]);
        }
    }

    static SpanThreads of(SpanStore spans) {
        int n = spans.size();
        // Threads are few against spans: numbered densely by first appearance, then a counting sort.
        LongIntHashMap groups = new LongIntHashMap();
        int[] groupOf = new int[n];
        long[] ids = new long[16];
        long previous = 0;
        int previousGroup = -1;
        for (int i = 0; i < n; i++) {
            long id = spans.threadId(i);
            if (id != previous || previousGroup < 0) {
                previousGroup = groups.getOrDefault(id, -1);
                if (previousGroup < 0) {
                    previousGroup = groups.size();
                    groups.put(id, previousGroup);
                    if (previousGroup == ids.length) {
                        ids = java.util.Arrays.copyOf(ids, ids.length * 2);
                    }
                    ids[previousGroup] = id;
                }
                previous = id;
            }
            groupOf[i] = previousGroup;
        }
        int count = groups.size();
        int[] firsts = new int[count + 1];
        int[] order = IndexSort.grouped(groupOf, n, count, firsts);
        return new SpanThreads(java.util.Arrays.copyOf(ids, count), firsts, order, spans);
    }

    int groups() {
        return ids.length;
    }
}
