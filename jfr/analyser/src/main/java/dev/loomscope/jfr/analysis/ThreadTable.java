package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.carrotsearch.hppc.LongIntHashMap;

import dev.loomscope.jfr.read.EventFields;
import dev.loomscope.jfr.read.FieldDecoder;
import dev.loomscope.jfr.read.JfrEvent;
import dev.loomscope.jfr.read.JfrThread;

/**
 * Threads by dense index, so that slices hold an int per thread: each index keeps the thread's Java id and the
 * first name the recording gave it.
 */
final class ThreadTable {

    private final LongIntHashMap indexes = new LongIntHashMap();
    // Recent pool keys and the indexes they gave.
    private final KeyIndexes byKey = new KeyIndexes(10);
    private final List<String> names = new ArrayList<>();
    private long[] ids = new long[16];
    // The reader hands out the same JfrThread object while a pool entry repeats: checked before hashing.
    private JfrThread recent;
    private int recentIndex = -1;

    /** The index of {@code thread}, added when new; -1 without a thread. */
    int index(JfrThread thread) {
        if (thread == null) {
            return -1;
        }
        if (thread == recent) {
            return recentIndex;
        }
        int index = index(thread.javaThreadId(), thread.javaName());
        recent = thread;
        recentIndex = index;
        return index;
    }

    /**
     * The index of the thread in {@code event}'s {@code field}, added when new; -1 without one. Threads are found
     * again by their pool key, without resolving the thread: slices name a few hundred threads millions of times.
     */
    int index(JfrEvent event, int field) {
        long key = event.threadKey(field);
        if (key < 0) {
            return index(event.getThread(field));
        }
        int known = byKey.get(key);
        return known != KeyIndexes.UNKNOWN ? known : remember(key, event.getThread(field));
    }

    /** As {@link #index(JfrEvent, int)}, for the pool key a {@link FieldDecoder} read from a thread field. */
    int index(EventFields in, long key) {
        int known = byKey.get(key);
        return known != KeyIndexes.UNKNOWN ? known : remember(key, in.thread(key));
    }

    private int remember(long key, JfrThread thread) {
        int index = index(thread);
        byKey.put(key, index);
        return index;
    }

    /** The index of the thread with that id, added with {@code name} when new. */
    int index(long javaThreadId, String name) {
        int known = indexes.getOrDefault(javaThreadId, -1);
        if (known >= 0) {
            return known;
        }
        int index = names.size();
        if (index == ids.length) {
            ids = Arrays.copyOf(ids, index * 2);
        }
        ids[index] = javaThreadId;
        names.add(name == null ? "" : name);
        indexes.put(javaThreadId, index);
        return index;
    }

    /** The index of the thread with that id, or -1 when none. */
    int find(long javaThreadId) {
        return indexes.getOrDefault(javaThreadId, -1);
    }

    /** The index here of each thread of {@code other}, by its index there, its id with {@code tag}'s bits set. */
    int[] indexesOf(ThreadTable other, long tag) {
        int[] translated = new int[other.size()];
        for (int i = 0; i < translated.length; i++) {
            translated[i] = index(other.ids[i] | tag, other.names.get(i));
        }
        return translated;
    }

    int size() {
        return names.size();
    }

    long id(int index) {
        return ids[index];
    }

    String name(int index) {
        return names.get(index);
    }
}
