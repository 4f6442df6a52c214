package dev.loomscope.jfr.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongIntHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;

/**
 * The constant pools of one chunk, read from its checkpoint events: strings, threads, stack traces and the types
 * they refer to. Reading notes where each entry is; an entry is decoded when first asked for (a struct as an
 * {@code Object[]}, a reference as its {@code Long} key), because a recording of a busy server pools millions of
 * threads, most never looked at, and pools may refer to entries of pools read after them.
 */
final class ConstantPools {

    private final Bytes bytes;
    private final Metadata metadata;
    private final ValueReader values;
    private final PoolEntryResolver entries;
    private final LongObjectHashMap<LongIntHashMap> positions = new LongObjectHashMap<>();
    private final LongObjectHashMap<LongObjectHashMap<Object>> decoded = new LongObjectHashMap<>();
    private final List<Integer> checkpoints = new ArrayList<>();
    private final Map<String, LongHashSet> threadsByNamePrefix = new HashMap<>();
    private boolean othersIndexed;
    private ThreadPositions threadPositions;
    private final long stringType;
    private final JfrType threadType;
    private final int[] threadFields;
    // Threads resolved lately, by key: slices and wake-ups name the same few hundred threads millions of times, and
    // decoding two strings per look-up was a fifth of the reading. A fixed table, not a map: a recording with a
    // thread per request would fill a map with threads looked up once.
    private final long[] recentThreadKeys = new long[RECENT_THREADS];
    private final JfrThread[] recentThreads = new JfrThread[RECENT_THREADS];
    private static final int RECENT_THREADS = 1024;

    private ConstantPools(Bytes bytes, Metadata metadata) {
        this.bytes = bytes;
        this.metadata = metadata;
        this.values = new ValueReader(metadata, this);
        this.entries = new PoolEntryResolver(metadata, this);
        JfrType strings = metadata.type("java.lang.String");
        this.stringType = strings == null ? -1 : strings.id();
        this.threadType = metadata.type("java.lang.Thread");
        this.threadFields = threadType == null ? null : new int[] {
                plainField(threadType, "javaName"), plainField(threadType, "osName"),
                plainField(threadType, "javaThreadId"), plainField(threadType, "virtual")};
    }

    /** Decodes the values of this chunk's events and pool entries. */
    ValueReader values() {
        return values;
    }

    /** Finds every checkpoint of the chunk, following their links back from the last one at {@code offset}. */
    static ConstantPools read(Bytes bytes, Metadata metadata, long offset) {
        ConstantPools pools = new ConstantPools(bytes, metadata);
        long position = offset;
        // Each checkpoint says how far back the previous one lies; 0 ends the list.
        for (int checkpoints = 0; ; checkpoints++) {
            if (checkpoints > bytes.limit()) {
                throw new DamagedRecordingException("checkpoints that link in a circle");
            }
            bytes.position(position);
            pools.checkpoints.add((int) position);
            long delta = checkpointHeader(bytes);
            if (delta == 0) {
                return pools;
            }
            position += delta;
        }
    }

    /** Reads a checkpoint's header up to its pool count; returns the distance back to the previous checkpoint. */
    private static long checkpointHeader(Bytes bytes) {
        int start = bytes.position();
        long size = bytes.varlong();
        if (size <= 0 || size > bytes.limit() - start) {
            throw new DamagedRecordingException("a checkpoint of " + size + " bytes at byte " + start);
        }
        if (bytes.varlong() != 1) {
            throw new DamagedRecordingException("no checkpoint where one should be");
        }
        bytes.varlong(); // start time
        bytes.varlong(); // duration
        long delta = bytes.varlong();
        bytes.next(); // flush flag
        return delta;
    }

    /** Notes where the entries of the pools other than threads are, on first need. */
    private void indexOthers() {
        walk(false, (typeId, type, key, cursor) -> {
            LongIntHashMap pool = positions.get(typeId);
            if (pool == null) {
                pool = new LongIntHashMap();
                positions.put(typeId, pool);
            }
            pool.put(key, cursor.position());
            values.skipValue(cursor, type, 0);
        });
    }

    /** Where the threads are: noted on first need, apart from the other pools, as most recordings need neither. */
    private ThreadPositions threadPositions() {
        if (threadPositions == null) {
            ThreadPositions noted = new ThreadPositions();
            walk(true, (typeId, type, key, cursor) -> {
                noted.add(key, cursor.position());
                values.skipValue(cursor, type, 0);
            });
            threadPositions = noted;
        }
        return threadPositions;
    }

    /** What {@link #walk} calls at each entry: it must move {@code cursor} past the entry's value. */
    @FunctionalInterface
    private interface EntryVisitor {
        void visit(long typeId, JfrType type, long key, Bytes cursor);
    }

    /** Calls {@code visitor} at each entry of the thread pools ({@code threads}) or of the other pools. */
    private void walk(boolean threads, EntryVisitor visitor) {
        for (int checkpoint : checkpoints) {
            Bytes cursor = bytes.at(checkpoint);
            long size = cursor.varlong();
            cursor.position(checkpoint);
            checkpointHeader(cursor);
            int poolCount = cursor.length();
            for (int i = 0; i < poolCount; i++) {
                long typeId = cursor.varlong();
                JfrType type = metadata.type(typeId);
                if (type == null) {
                    throw new DamagedRecordingException("a constant pool of undeclared type " + typeId);
                }
                boolean visited = (threadType != null && typeId == threadType.id()) == threads;
                int count = cursor.length();
                for (int j = 0; j < count; j++) {
                    long key = cursor.varlong();
                    if (visited) {
                        visitor.visit(typeId, type, key, cursor);
                    } else {
                        values.skipValue(cursor, type, 0);
                    }
                }
            }
            if (cursor.position() != checkpoint + size) {
                throw new DamagedRecordingException("a checkpoint whose size does not match its content");
            }
        }
    }

    /**
     * Whether the thread with that key has a Java name starting with {@code prefix}. The keys of such threads are
     * gathered once per prefix: a start event per request asks this.
     */
    boolean threadNameStartsWith(long typeId, long key, String prefix) {
        if (threadType == null || typeId != threadType.id() || threadFields[0] < 0) {
            return false;
        }
        LongHashSet keys = threadsByNamePrefix.get(prefix);
        if (keys == null) {
            keys = new LongHashSet();
            ThreadPositions threads = threadPositions();
            List<JfrType.Field> fields = threadType.fields();
            for (int t = 0; t < threads.size(); t++) {
                Bytes cursor = bytes.at(threads.positionAt(t));
                for (int i = 0; i < threadFields[0]; i++) {
                    values.skipField(cursor, fields.get(i), 0);
                }
                if (Strings.startsWith(cursor, prefix, this)) {
                    keys.add(threads.key(t));
                }
            }
            threadsByNamePrefix.put(prefix, keys);
        }
        return keys.contains(key);
    }

    /** Where the entry with that key is in the chunk, or -1. */
    private int position(long typeId, long key) {
        if (threadType != null && typeId == threadType.id()) {
            return threadPositions().position(key);
        }
        if (!othersIndexed) {
            indexOthers();
            othersIndexed = true;
        }
        LongIntHashMap pool = positions.get(typeId);
        return pool == null ? -1 : pool.getOrDefault(key, -1);
    }

    /** The pooled string with that key; null when there is none. */
    String string(long key) {
        return entry(stringType, key) instanceof String text ? text : null;
    }

    /** The thread with that key in the pool of threads, or null: what a thread field's key names. */
    JfrThread thread(long key) {
        return threadType == null ? null : thread(threadType.id(), key);
    }

    /** The thread with that key, or null; the same object again while it stays among the recent ones. */
    JfrThread thread(long typeId, long key) {
        if (threadType == null || typeId != threadType.id()) {
            return null;
        }
        int slot = (int) (key & (RECENT_THREADS - 1));
        JfrThread recent = recentThreads[slot];
        if (recent != null && recentThreadKeys[slot] == key) {
            return recent;
        }
        JfrThread thread = decodeThread(typeId, key);
        if (thread != null) {
            recentThreadKeys[slot] = key;
            recentThreads[slot] = thread;
        }
        return thread;
    }

    private JfrThread decodeThread(long typeId, long key) {
        int position = position(typeId, key);
        if (position < 0) {
            return null;
        }
        Bytes cursor = bytes.at(position);
        String javaName = null;
        String osName = null;
        long javaThreadId = 0;
        boolean virtual = false;
        List<JfrType.Field> fields = threadType.fields();
        for (int i = 0; i < fields.size(); i++) {
            JfrType.Field field = fields.get(i);
            if (i == threadFields[0]) {
                javaName = Strings.read(cursor, this);
            } else if (i == threadFields[1]) {
                osName = Strings.read(cursor, this);
            } else if (i == threadFields[2]) {
                javaThreadId = cursor.varlong();
            } else if (i == threadFields[3]) {
                virtual = cursor.next() != 0;
            } else {
                values.skipField(cursor, field, 0);
            }
        }
        // As RecordedThread.getJavaThreadId: 0 (a thread unknown to Java) reads as -1.
        return new JfrThread(javaName, osName, javaThreadId == 0 ? -1 : javaThreadId, virtual);
    }

    /** The text of a one-field type that holds a string (a thread state, a code heap name), or null. */
    String simpleText(long typeId, long key) {
        return entries.simpleText(typeId, key);
    }

    /** The frames of the stack trace with that key, top first; null when there is none. */
    List<JfrFrame> stackTrace(long typeId, long key) {
        return entries.stackTrace(typeId, key);
    }

    /** Puts {@code value} in place of the entry with that key, once it is resolved from its raw value. */
    void replace(long typeId, long key, Object value) {
        decoded.get(typeId).put(key, value);
    }

    /** The entry as decoded so far (a resolved thread or stack trace replaces its raw value), or null. */
    Object entry(long typeId, long key) {
        LongObjectHashMap<Object> values = decoded.get(typeId);
        Object value = values == null ? null : values.get(key);
        if (value == null) {
            int position = position(typeId, key);
            if (position < 0) {
                return null;
            }
            if (values == null) {
                values = new LongObjectHashMap<>();
                decoded.put(typeId, values);
            }
            // A cursor of its own: entries are decoded while events are being read from the chunk's bytes.
            value = this.values.value(bytes.at(position), metadata.type(typeId), 0);
            if (value != null) {
                values.put(key, value);
            }
        }
        return value;
    }

    /** The field's index when its value is written inline and alone (not pooled, not an array), else -1. */
    private static int plainField(JfrType type, String name) {
        int index = type.indexOf(name);
        return index >= 0 && !type.fields().get(index).constantPool() && !type.fields().get(index).array()
                ? index : -1;
    }
}
