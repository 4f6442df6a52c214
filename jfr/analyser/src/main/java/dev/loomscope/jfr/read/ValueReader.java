package dev.loomscope.jfr.read;

import java.util.List;

import com.carrotsearch.hppc.LongObjectHashMap;

/** Decodes or skips values as one chunk's metadata declares them; strings may refer to the chunk's pools. */
final class ValueReader {

    static final int MAX_DEPTH = 32;
    private static final byte[] NOT_FLAT = new byte[0];

    private final Metadata metadata;
    private final ConstantPools pools;
    private final LongObjectHashMap<byte[]> flatPlans = new LongObjectHashMap<>();

    ValueReader(Metadata metadata, ConstantPools pools) {
        this.metadata = metadata;
        this.pools = pools;
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
                return Strings.read(bytes, pools);
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

    /** Moves {@code bytes} past one value of {@code type}. */
    void skipValue(Bytes bytes, JfrType type, int depth) {
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

    /** Moves {@code bytes} past one field's value. */
    void skipField(Bytes bytes, JfrType.Field field, int depth) {
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
}
