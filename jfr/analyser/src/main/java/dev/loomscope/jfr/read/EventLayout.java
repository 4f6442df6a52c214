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
    private static final int POOLED_SLOT_BITS = 6;
    private static final int POOLED_SLOTS = 1 << POOLED_SLOT_BITS;

    final JfrType type;
    final Consumer<JfrEvent> handler;
    // Null unless the type's fields are exactly those the decoder registered for it expects.
    final FieldDecoder decoder;
    final boolean hasDuration;
    final int[] kinds;
    final ChunkEvent event;
    private final Map<String, Integer> indexes = new HashMap<>();
    // Inline strings of each field by their bytes: most events repeat a recent one (a path, one of the carriers'
    // names taking turns, one of the open connections), so the String is made once and its bytes hashed after.
    private final InlineStrings[] inlineStrings;
    // Pooled strings by key, a few per field: a field like a carrier name takes turns among a handful of values.
    private final long[][] pooledKeys;
    private final String[][] pooledStrings;

    EventLayout(JfrType type, Metadata metadata, Consumer<JfrEvent> handler, FieldDecoder decoder) {
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
        this.decoder = decoder != null && decodes(decoder, metadata) ? decoder : null;
        this.inlineStrings = new InlineStrings[kinds.length];
        this.event = new ChunkEvent(kinds.length);
        this.pooledKeys = new long[kinds.length][];
        this.pooledStrings = new String[kinds.length][];
    }

    /** Whether the type has a duration and then exactly the fields {@code decoder} expects. */
    private boolean decodes(FieldDecoder decoder, Metadata metadata) {
        List<FieldDecoder.Field> expected = decoder.fields();
        if (!hasDuration || kinds.length != expected.size() + 2) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!expected.get(i).matches(type, i + 2, kinds[i + 2], metadata)) {
                return false;
            }
        }
        return true;
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

    /** The pool key of the string at {@code bytes} when it is pooled (encoding 2), else -1. */
    static long poolKey(Bytes bytes) {
        return bytes.next() == 2 ? bytes.varlong() : -1;
    }

    /** An inline string that ends at {@code end}, reusing the String made for the same bytes of this field before. */
    String string(Bytes bytes, int end, int field, ConstantPools pools) {
        byte encoding = bytes.next();
        if (encoding == 3 || encoding == 4 || encoding == 5) {
            return inlineStrings(field).read(bytes, encoding, end);
        }
        return notInline(bytes, encoding, field, pools);
    }

    /** The string of field {@code field} at {@code bytes}, which move past it: as {@link #string}, read once. */
    String nextString(Bytes bytes, int field, ConstantPools pools) {
        byte encoding = bytes.next();
        if (encoding == 3 || encoding == 4 || encoding == 5) {
            int length = bytes.length();
            // Char arrays, as the JDK writes short strings, take a compressed integer per char.
            return inlineStrings(field).read(bytes, encoding, length,
                                             encoding == 4 ? bytes.compressedLength(length) : length);
        }
        return notInline(bytes, encoding, field, pools);
    }

    private InlineStrings inlineStrings(int field) {
        InlineStrings strings = inlineStrings[field];
        if (strings == null) {
            strings = new InlineStrings();
            inlineStrings[field] = strings;
        }
        return strings;
    }

    private String notInline(Bytes bytes, byte encoding, int field, ConstantPools pools) {
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
        // Keys mixed before the slot is taken: the JDK's string ids need not differ in their low bits.
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - POOLED_SLOT_BITS));
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
