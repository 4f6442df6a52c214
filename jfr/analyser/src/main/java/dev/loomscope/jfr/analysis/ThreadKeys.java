package dev.loomscope.jfr.analysis;

/**
 * A span's thread as one long: the thread id shifted left, with the low bit set when the thread is virtual, so that
 * sorted keys count distinct threads, and virtual ones, in one pass.
 */
final class ThreadKeys {

    private ThreadKeys() {
    }

    static long key(long thread, boolean isVirtual) {
        return thread << 1 | (isVirtual ? 1 : 0);
    }

    /** Distinct threads among sorted thread keys, all of them or the virtual ones only. */
    static long distinct(long[] sortedKeys, boolean virtualOnly) {
        return distinct(sortedKeys, new long[0], virtualOnly);
    }

    /** Distinct threads among two arrays of sorted thread keys together, walked as one merged order. */
    static long distinct(long[] sortedKeys, long[] moreSortedKeys, boolean virtualOnly) {
        long count = 0;
        long previous = -1;
        int i = 0;
        int j = 0;
        while (i < sortedKeys.length || j < moreSortedKeys.length) {
            long key = j == moreSortedKeys.length || (i < sortedKeys.length && sortedKeys[i] <= moreSortedKeys[j])
                    ? sortedKeys[i++] : moreSortedKeys[j++];
            long thread = key >>> 1;
            if ((!virtualOnly || (key & 1) == 1) && thread != previous) {
                count++;
                previous = thread;
            }
        }
        return count;
    }
}
