package dev.loomscope.jfr.read;

import java.util.Arrays;

import com.carrotsearch.hppc.LongIntHashMap;

/**
 * Where each thread of a chunk's pools is written, by key. A busy recording pools a thread per request, so the keys
 * go into two growing arrays, found by binary search; a hash map of a million threads cost more than the rest of
 * the pool work. The JDK writes keys in increasing order; a map stands in if a writer did not.
 */
final class ThreadPositions {

    private long[] keys = new long[1024];
    private int[] positions = new int[1024];
    private int size;
    private boolean sorted = true;
    private LongIntHashMap unsorted;

    void add(long key, int position) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            positions = Arrays.copyOf(positions, size * 2);
        }
        sorted &= size == 0 || keys[size - 1] < key;
        keys[size] = key;
        positions[size++] = position;
    }

    /** The position of the thread with that key, or -1. */
    int position(long key) {
        if (sorted) {
            int found = Arrays.binarySearch(keys, 0, size, key);
            return found < 0 ? -1 : positions[found];
        }
        if (unsorted == null) {
            unsorted = new LongIntHashMap(size);
            for (int i = 0; i < size; i++) {
                unsorted.put(keys[i], positions[i]);
            }
        }
        return unsorted.getOrDefault(key, -1);
    }

    int size() {
        return size;
    }

    long key(int i) {
        return keys[i];
    }

    int positionAt(int i) {
        return positions[i];
    }
}
