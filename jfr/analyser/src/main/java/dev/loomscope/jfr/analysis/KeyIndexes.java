package dev.loomscope.jfr.analysis;

import java.util.Arrays;

/**
 * Dictionary indexes remembered by pool key in a fixed table of slots, so that a handler finds a thread or a
 * string it saw lately without resolving it again; a newer key takes over its slot.
 */
final class KeyIndexes {

    /** What {@link #get} answers for a key not remembered. */
    static final int UNKNOWN = Integer.MIN_VALUE;

    private final int slotBits;
    private final long[] keys;
    private final int[] indexes;

    KeyIndexes(int slotBits) {
        this.slotBits = slotBits;
        this.keys = new long[1 << slotBits];
        this.indexes = new int[1 << slotBits];
        clear();
    }

    int get(long key) {
        int slot = slot(key);
        return keys[slot] == key ? indexes[slot] : UNKNOWN;
    }

    void put(long key, int index) {
        int slot = slot(key);
        keys[slot] = key;
        indexes[slot] = index;
    }

    /** Forgets every key: for keys that name something else from here on (another chunk's pool). */
    void clear() {
        Arrays.fill(indexes, UNKNOWN);
    }

    private int slot(long key) {
        // Keys mixed first: the JDK's pool keys need not differ in their low bits.
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - slotBits));
    }
}
