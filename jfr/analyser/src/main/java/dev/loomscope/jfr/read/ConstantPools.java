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

    private static final int MAX_DEPTH = 32;
    private static final byte[] NOT_FLAT = new byte[0];

    private final Bytes bytes;
    private final Metadata metadata;
    private final LongObjectHashMap<LongIntHashMap> positions = new LongObjectHashMap<>();
    private final LongObjectHashMap<LongObjectHashMap<Object>> decoded = new LongObjectHashMap<>();
    private final List<Integer> checkpoints = new ArrayList<>();
    private final Map<String, LongHashSet> threadsByNamePrefix = new HashMap<>();
    private final LongObjectHashMap<byte[]> flatPlans = new LongObjectHashMap<>();
    private boolean othersIndexed;
    private ThreadPositions threadPositions;
    private final long stringType;
    private final JfrType threadType;
    private final int[] threadFields;

    private ConstantPools(Bytes bytes, Metadata metadata) {
        this.bytes = bytes;
        this.metadata = metadata;
        JfrType strings = metadata.type("java.lang.String");
        this.stringType = strings == null ? -1 : strings.id();
        this.threadType = metadata.type("java.lang.Thread");
        this.threadFields = threadType == null ? null : new int[] {
                plainField(threadType, "javaName"), plainField(threadType, "osName"),
                plainField(threadType, "javaThreadId"), plainField(threadType, "virtual")};
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
            skipValue(cursor, type, 0);
        });
    }

    /** Where the threads are: noted on first need, apart from the other pools, as most recordings need neither. */
    private ThreadPositions threadPositions() {
        if (threadPositions == null) {
            ThreadPositions noted = new ThreadPositions();
            walk(true, (typeId, type, key, cursor) -> {
                noted.add(key, cursor.position());
                skipValue(cursor, type, 0);
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
                        skipValue(cursor, type, 0);
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
                    skipField(cursor, fields.get(i), 0);
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

    /** One value of {@code type} as written inline: a primitive, a string or a struct of its fields. */
    Object value(Bytes bytes, JfrType type, int depth) {
        if (depth > MAX_DEPTH) {
            throw new DamagedRecordingException("values nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (type.name()) {
            case "boolean":
                return bytes.next() != 0;
            case "byte":
                return bytes.next();
            case "char":
                return (char) bytes.varlong();
            case "short":
                return (short) bytes.varlong();
            case "int":
                return (int) bytes.varlong();
            case "long":
                return bytes.varlong();
            case "float":
                return Float.intBitsToFloat(bytes.rawInt());
            case "double":
                return Double.longBitsToDouble(bytes.rawLong());
            case "java.lang.String":
                return Strings.read(bytes, this);
            default:
                break;
        }
        List<JfrType.Field> fields = type.fields();
        if (fields.isEmpty()) {
            throw new DamagedRecordingException("a value of type " + type.name() + " that has no fields");
        }
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field(bytes, fields.get(i), depth + 1);
        }
        return values;
    }

    private void skipValue(Bytes bytes, JfrType type, int depth) {
        if (depth > MAX_DEPTH) {
            throw new DamagedRecordingException("values nested deeper than " + MAX_DEPTH + " levels");
        }
        if (type.encoding() != JfrType.FIELDS) {
            skipEncoded(bytes, type.encoding());
            return;
        }
        List<JfrType.Field> fields = type.fields();
        if (fields.isEmpty()) {
            throw new DamagedRecordingException("a value of type " + type.name() + " that has no fields");
        }
        byte[] plan = flatPlan(type);
        if (plan.length > 0) {
            for (byte encoding : plan) {
                skipEncoded(bytes, encoding);
            }
            return;
        }
        for (JfrType.Field field : fields) {
            skipField(bytes, field, depth + 1);
        }
    }

    private static void skipEncoded(Bytes bytes, int encoding) {
        switch (encoding) {
            case JfrType.ONE_BYTE -> bytes.skip(1);
            case JfrType.COMPRESSED -> bytes.varlong();
            case JfrType.FOUR_BYTES -> bytes.skip(4);
            case JfrType.EIGHT_BYTES -> bytes.skip(8);
            default -> Strings.skip(bytes);
        }
    }

    /**
     * How to skip a struct whose fields are all single primitives, strings or pool references: one encoding per
     * field, found once per type (empty for other structs). Walking a pool of a million threads looked up the type
     * of every field of every thread before.
     */
    private byte[] flatPlan(JfrType type) {
        byte[] plan = flatPlans.get(type.id());
        if (plan == null) {
            List<JfrType.Field> fields = type.fields();
            plan = new byte[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                JfrType.Field field = fields.get(i);
                int encoding = field.array() ? JfrType.FIELDS
                        : field.constantPool() ? JfrType.COMPRESSED : declared(field).encoding();
                if (encoding == JfrType.FIELDS) {
                    plan = NOT_FLAT;
                    break;
                }
                plan[i] = (byte) encoding;
            }
            flatPlans.put(type.id(), plan);
        }
        return plan;
    }

    private void skipField(Bytes bytes, JfrType.Field field, int depth) {
        int count = field.array() ? bytes.length() : 1;
        for (int i = 0; i < count; i++) {
            if (field.constantPool()) {
                bytes.varlong();
            } else {
                skipValue(bytes, declared(field), depth);
            }
        }
    }

    private JfrType declared(JfrType.Field field) {
        JfrType type = metadata.type(field.typeId());
        if (type == null) {
            throw new DamagedRecordingException("a field " + field.name() + " of undeclared type " + field.typeId());
        }
        return type;
    }

    /** One field's value: a pool key for references, an {@code Object[]} for arrays, else the value itself. */
    Object field(Bytes bytes, JfrType.Field field, int depth) {
        if (field.array()) {
            Object[] elements = new Object[bytes.length()];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = element(bytes, field, depth);
            }
            return elements;
        }
        return element(bytes, field, depth);
    }

    private Object element(Bytes bytes, JfrType.Field field, int depth) {
        if (field.constantPool()) {
            return bytes.varlong();
        }
        return value(bytes, declared(field), depth);
    }

    /** The pooled string with that key; null when there is none. */
    String string(long key) {
        return entry(stringType, key) instanceof String text ? text : null;
    }

    /** The text of a one-field type that holds a string (a thread state, a code heap name), or null. */
    String simpleText(long typeId, long key) {
        JfrType type = metadata.type(typeId);
        if (type == null || !isSimple(type) || !(entry(typeId, key) instanceof Object[] values)) {
            return null;
        }
        return text(type, values, type.fields().get(0).name());
    }

    /** The thread with that key, or null; resolved once, in place of its pool entry. */
    JfrThread thread(long typeId, long key) {
        if (threadType == null || typeId != threadType.id()) {
            return null;
        }
        // Read straight from the pool's bytes each time, not kept: a busy recording has a thread per request, most
        // looked up once (at its start event), and a map of them all cost more than reading them again.
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
                skipField(cursor, field, 0);
            }
        }
        // As RecordedThread.getJavaThreadId: 0 (a thread unknown to Java) reads as -1.
        return new JfrThread(javaName, osName, javaThreadId == 0 ? -1 : javaThreadId, virtual);
    }

    /** The frames of the stack trace with that key, top first; null when there is none. */
    @SuppressWarnings("unchecked")
    List<JfrFrame> stackTrace(long typeId, long key) {
        Object entry = entry(typeId, key);
        if (entry instanceof List<?> frames) {
            return (List<JfrFrame>) frames;
        }
        JfrType type = metadata.type(typeId);
        if (type == null || !(entry instanceof Object[] values)
                || !(field(type, values, "frames") instanceof Object[] frameValues)) {
            return null;
        }
        JfrType frameType = metadata.type(type.fields().get(type.indexOf("frames")).typeId());
        List<JfrFrame> frames = new ArrayList<>(frameValues.length);
        for (Object frameValue : frameValues) {
            if (frameValue instanceof Object[] frame && frameType != null) {
                frames.add(frame(frameType, frame));
            }
        }
        List<JfrFrame> result = List.copyOf(frames);
        decoded.get(typeId).put(key, result);
        return result;
    }

    private JfrFrame frame(JfrType frameType, Object[] frame) {
        String typeName = null;
        String methodName = null;
        if (resolve(frameType, frame, "method") instanceof Object[] method) {
            JfrType methodType = referencedType(frameType, "method");
            methodName = text(methodType, method, "name");
            if (resolve(methodType, method, "type") instanceof Object[] declaringClass) {
                String name = text(referencedType(methodType, "type"), declaringClass, "name");
                typeName = name == null ? null : name.replace('/', '.');
            }
        }
        Object line = resolve(frameType, frame, "lineNumber");
        return new JfrFrame(typeName, methodName, line instanceof Integer number ? number : -1,
                            text(frameType, frame, "type"));
    }

    private JfrType referencedType(JfrType owner, String fieldName) {
        int index = owner == null ? -1 : owner.indexOf(fieldName);
        return index < 0 ? null : metadata.type(owner.fields().get(index).typeId());
    }

    /** The entry as decoded so far (a resolved thread or stack trace replaces its raw value), or null. */
    private Object entry(long typeId, long key) {
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
            value = value(bytes.at(position), metadata.type(typeId), 0);
            if (value != null) {
                values.put(key, value);
            }
        }
        return value;
    }

    private static Object field(JfrType type, Object[] values, String name) {
        int index = type == null ? -1 : type.indexOf(name);
        return index < 0 || index >= values.length ? null : values[index];
    }

    /** A field's value with references followed and one-field types (symbols, frame types) unwrapped. */
    private Object resolve(JfrType type, Object[] values, String name) {
        Object value = field(type, values, name);
        if (value == null) {
            return null;
        }
        JfrType.Field field = type.fields().get(type.indexOf(name));
        JfrType fieldType = metadata.type(field.typeId());
        if (field.constantPool() && value instanceof Long key) {
            value = entry(field.typeId(), key);
        }
        for (int unwrap = 0; unwrap < MAX_DEPTH && fieldType != null && isSimple(fieldType)
                && value instanceof Object[] single && single.length == 1; unwrap++) {
            JfrType.Field inner = fieldType.fields().get(0);
            value = single[0];
            if (inner.constantPool() && value instanceof Long key) {
                value = entry(inner.typeId(), key);
            }
            fieldType = metadata.type(inner.typeId());
        }
        return value;
    }

    /** The field's index when its value is written inline and alone (not pooled, not an array), else -1. */
    private static int plainField(JfrType type, String name) {
        int index = type.indexOf(name);
        return index >= 0 && !type.fields().get(index).constantPool() && !type.fields().get(index).array()
                ? index : -1;
    }

    private static boolean isSimple(JfrType type) {
        return type.fields().size() == 1 && type.superType() == null;
    }

    private String text(JfrType type, Object[] values, String name) {
        return type != null && resolve(type, values, name) instanceof String text ? text : null;
    }

}
