package dev.loomscope.jfr.read;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** How to decode the events of one type in one chunk, field by field, into a reused {@link JfrEvent}. */
final class EventLayout {

    static final int LONG = 0;
    static final int INT = 1;
    static final int SHORT = 2;
    static final int CHAR = 3;
    static final int BYTE = 4;
    static final int BOOLEAN = 5;
    static final int FLOAT = 6;
    static final int DOUBLE = 7;
    static final int STRING = 8;
    static final int STRING_REFERENCE = 9;
    static final int REFERENCE = 10;
    static final int OTHER = 11;
    private static final int POOLED_SLOTS = 16;

    final JfrType type;
    final Consumer<JfrEvent> handler;
    final boolean hasDuration;
    final int[] kinds;
    final ChunkEvent event;
    private final Map<String, Integer> indexes = new HashMap<>();
    // The last inline string of each field and its bytes: most events repeat the previous one, as the JDK notes.
    private final byte[][] lastBytes;
    private final String[] lastStrings;
    private final byte[] lastEncodings;
    // Pooled strings by key, a few per field: a field like a carrier name takes turns among a handful of values.
    private final long[][] pooledKeys;
    private final String[][] pooledStrings;

    EventLayout(JfrType type, Metadata metadata, Consumer<JfrEvent> handler) {
        this.type = type;
        this.handler = handler;
        List<JfrType.Field> fields = type.fields();
        this.hasDuration = fields.size() > 1 && fields.get(1).name().equals("duration");
        this.kinds = new int[fields.size()];
        for (int i = 0; i < kinds.length; i++) {
            JfrType.Field field = fields.get(i);
            JfrType fieldType = metadata.type(field.typeId());
            kinds[i] = kind(field, fieldType);
            indexes.put(field.name(), i);
        }
        this.lastBytes = new byte[kinds.length][];
        this.lastStrings = new String[kinds.length];
        this.lastEncodings = new byte[kinds.length];
        this.event = new ChunkEvent(kinds.length);
        this.pooledKeys = new long[kinds.length][];
        this.pooledStrings = new String[kinds.length][];
    }

    private static int kind(JfrType.Field field, JfrType fieldType) {
        if (field.array() || fieldType == null) {
            return OTHER;
        }
        if (field.constantPool()) {
            return fieldType.name().equals("java.lang.String") ? STRING_REFERENCE : REFERENCE;
        }
        return switch (fieldType.name()) {
            case "long" -> LONG;
            case "int" -> INT;
            case "short" -> SHORT;
            case "char" -> CHAR;
            case "byte" -> BYTE;
            case "boolean" -> BOOLEAN;
            case "float" -> FLOAT;
            case "double" -> DOUBLE;
            case "java.lang.String" -> STRING;
            default -> OTHER;
        };
    }

    int indexOf(String field) {
        Integer index = indexes.get(field);
        return index == null ? -1 : index;
    }

    /** An inline string, reusing the field's previous String when the bytes are the same. */
    String string(Bytes bytes, int field, ConstantPools pools) {
        byte encoding = bytes.next();
        if (encoding == 3 || encoding == 4 || encoding == 5) {
            int length = bytes.length();
            // Char arrays (the JDK writes short strings so) are a compressed integer per char: their byte length.
            int byteLength = encoding == 4 ? bytes.compressedLength(length) : length;
            if (lastEncodings[field] == encoding && bytes.regionEquals(byteLength, lastBytes[field])) {
                bytes.skip(byteLength);
                return lastStrings[field];
            }
            int start = bytes.position();
            String text = switch (encoding) {
                case 3 -> bytes.utf8(length);
                case 4 -> bytes.chars(length);
                default -> bytes.latin1(length);
            };
            bytes.position(start);
            lastBytes[field] = bytes.copy(byteLength);
            lastStrings[field] = text;
            lastEncodings[field] = encoding;
            return text;
        }
        return switch (encoding) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> pooled(bytes.varlong(), field, pools);
            default -> throw new DamagedRecordingException("unknown string encoding " + encoding);
        };
    }

    private String pooled(long key, int field, ConstantPools pools) {
        if (pooledKeys[field] == null) {
            pooledKeys[field] = new long[POOLED_SLOTS];
            pooledStrings[field] = new String[POOLED_SLOTS];
        }
        int slot = (int) (key & (POOLED_SLOTS - 1));
        String cached = pooledStrings[field][slot];
        if (cached != null && pooledKeys[field][slot] == key) {
            return cached;
        }
        String text = pools.string(key);
        pooledKeys[field][slot] = key;
        pooledStrings[field][slot] = text;
        return text;
    }
}
