package dev.loomscope.jfr.read;

import java.util.ArrayList;
import java.util.List;

/** Turns pool entries decoded as raw values into what events ask for: stack traces and one-field texts. */
final class PoolEntryResolver {

    private final Metadata metadata;
    private final ConstantPools pools;

    PoolEntryResolver(Metadata metadata, ConstantPools pools) {
        this.metadata = metadata;
        this.pools = pools;
    }

    /** The text of a one-field type that holds a string (a thread state, a code heap name), or null. */
    String simpleText(long typeId, long key) {
        JfrType type = metadata.type(typeId);
        if (type == null || !isSimple(type) || !(pools.entry(typeId, key) instanceof Object[] values)) {
            return null;
        }
        return text(type, values, type.fields().get(0).name());
    }

    /** The frames of the stack trace with that key, top first, resolved once; null when there is none. */
    @SuppressWarnings("unchecked")
    List<JfrFrame> stackTrace(long typeId, long key) {
        Object entry = pools.entry(typeId, key);
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
        pools.replace(typeId, key, result);
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
            value = pools.entry(field.typeId(), key);
        }
        for (int unwrap = 0; unwrap < ValueReader.MAX_DEPTH && fieldType != null && isSimple(fieldType)
                && value instanceof Object[] single && single.length == 1; unwrap++) {
            JfrType.Field inner = fieldType.fields().get(0);
            value = single[0];
            if (inner.constantPool() && value instanceof Long key) {
                value = pools.entry(inner.typeId(), key);
            }
            fieldType = metadata.type(inner.typeId());
        }
        return value;
    }

    private static boolean isSimple(JfrType type) {
        return type.fields().size() == 1 && type.superType() == null;
    }

    private String text(JfrType type, Object[] values, String name) {
        return type != null && resolve(type, values, name) instanceof String text ? text : null;
    }
}
