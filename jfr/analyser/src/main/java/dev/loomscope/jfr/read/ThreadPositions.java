package dev.loomscope.jfr.read;

import java.util.Arrays;

import com.carrotsearch.hppc.LongIntHashMap;

/**
 * Where each thread of a chunk's pools is written. A busy recording pools a thread per request, and most chunks are
 * only walked (to find threads by name), so keys and positions go into two growing arrays; the map that finds one by
 * key is built only when first asked, which a recording does only for its pinned events.
 */
final class ThreadPositions {

    private long[] keys = new long[1024];
    private int[] positions = new int[1024];
    private int size;
    private LongIntHashMap byKey;

    void add(long key, int position) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            positions = Arrays.copyOf(positions, size * 2);
        }
        keys[size] = key;
        positions[size++] = position;
    }

    /** The position of the thread with that key, or -1. */
    int position(long key) {
        if (byKey == null) {
            byKey = new LongIntHashMap(size);
            for (int i = 0; i < size; i++) {
                byKey.put(keys[i], positions[i]);
            }
        }
        return byKey.getOrDefault(key, -1);
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
