package dev.loomscope.jfr.read;

import java.util.List;

/** A type declared in a chunk's metadata: an event type, a constant-pool type, a struct or a primitive. */
record JfrType(long id, String name, String superType, List<Field> fields, int encoding) {

    /** How a value of the type is written: one byte, a compressed integer, 4 or 8 raw bytes, a string, fields. */
    static final int ONE_BYTE = 0;
    static final int COMPRESSED = 1;
    static final int FOUR_BYTES = 2;
    static final int EIGHT_BYTES = 3;
    static final int STRING = 4;
    static final int FIELDS = 5;

    JfrType(long id, String name, String superType, List<Field> fields) {
        this(id, name, superType, fields, switch (name) {
            case "boolean", "byte" -> ONE_BYTE;
            case "char", "short", "int", "long" -> COMPRESSED;
            case "float" -> FOUR_BYTES;
            case "double" -> EIGHT_BYTES;
            case "java.lang.String" -> STRING;
            default -> FIELDS;
        });
    }

    /** A field of a type, in the order its values are written. */
    record Field(String name, long typeId, boolean constantPool, boolean array) {
    }

    /** The field's position, or -1 when this type has no such field. */
    int indexOf(String fieldName) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(fieldName)) {
                return i;
            }
        }
        return -1;
    }
}
