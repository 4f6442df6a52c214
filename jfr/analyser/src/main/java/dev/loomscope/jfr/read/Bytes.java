package dev.loomscope.jfr.read;

import java.nio.charset.StandardCharsets;

/** One chunk's bytes with a read position: JFR's compressed integers, raw big-endian numbers and strings. */
final class Bytes {

    private final byte[] buffer;
    private final int limit;
    private int position;

    Bytes(byte[] buffer) {
        this(buffer, buffer.length);
    }

    /** The first {@code limit} bytes of {@code buffer}. */
    Bytes(byte[] buffer, int limit) {
        this.buffer = buffer;
        this.limit = limit;
    }

    /** Another cursor over the same bytes, at {@code start}. */
    Bytes at(int start) {
        Bytes other = new Bytes(buffer, limit);
        other.position(start);
        return other;
    }

    int position() {
        return position;
    }

    int limit() {
        return limit;
    }

    void position(long newPosition) {
        // The message is made elsewhere: C1 inlines only methods of up to 35 bytecodes, and the reader calls
        // this once per event.
        if (newPosition < 0 || newPosition > limit) {
            throw outside(newPosition);
        }
        position = (int) newPosition;
    }

    private DamagedRecordingException outside(long newPosition) {
        return new DamagedRecordingException("a position " + newPosition + " outside its chunk of " + limit
                                             + " bytes");
    }

    /** An unsigned LEB128 integer of up to 9 bytes, the last byte holding a full 8 bits. */
    long varlong() {
        // Ids, flags and sizes mostly take one byte. At 42 bytecodes C1 inlines this only with a C1MaxInlineSize
        // above its default of 35, which C1Relaunch sets.
        int at = position;
        if (at < limit && buffer[at] >= 0) {
            position = at + 1;
            return buffer[at];
        }
        return longerVarlong();
    }

    private long longerVarlong() {
        int at = position;
        if (limit - at >= 9) {
            // Room for the longest: no end check per byte, the position written once. Unrolled, because C1 (which
            // reads large recordings, see C1Relaunch) compiles a loop as written; this is the reader's hottest code.
            byte[] bytes = buffer;
            long b = bytes[at];
            long result = b & 0x7F;
            if (b >= 0) {
                position = at + 1;
                return result;
            }
            b = bytes[at + 1];
            result |= (b & 0x7F) << 7;
            if (b >= 0) {
                position = at + 2;
                return result;
            }
            b = bytes[at + 2];
            result |= (b & 0x7F) << 14;
            if (b >= 0) {
                position = at + 3;
                return result;
            }
            b = bytes[at + 3];
            result |= (b & 0x7F) << 21;
            if (b >= 0) {
                position = at + 4;
                return result;
            }
            b = bytes[at + 4];
            result |= (b & 0x7F) << 28;
            if (b >= 0) {
                position = at + 5;
                return result;
            }
            b = bytes[at + 5];
            result |= (b & 0x7F) << 35;
            if (b >= 0) {
                position = at + 6;
                return result;
            }
            b = bytes[at + 6];
            result |= (b & 0x7F) << 42;
            if (b >= 0) {
                position = at + 7;
                return result;
            }
            b = bytes[at + 7];
            result |= (b & 0x7F) << 49;
            if (b >= 0) {
                position = at + 8;
                return result;
            }
            position = at + 9;
            return result | (bytes[at + 8] & 0xFFL) << 56;
        }
        return varlongNearEnd();
    }

    private long varlongNearEnd() {
        long result = 0;
        for (int shift = 0; shift < 56; shift += 7) {
            byte b = next();
            result |= (b & 0x7FL) << shift;
            if (b >= 0) {
                return result;
            }
        }
        return result | (next() & 0xFFL) << 56;
    }

    /** How many bytes the next {@code count} compressed integers take, without reading past them. */
    int compressedLength(int count) {
        int at = position;
        if (count <= limit - at) {
            // Chars below 128, as in thread names, paths and ids, take a byte each: one run over them, no decoding.
            int end = at + count;
            while (at < end && buffer[at] >= 0) {
                at++;
            }
            if (at == end) {
                return count;
            }
            at = position;
        }
        for (int i = 0; i < count; i++) {
            // As varlong: up to 8 bytes of 7 bits, then a ninth of 8.
            for (int bytesRead = 1; ; bytesRead++) {
                if (at >= limit) {
                    throw endsEarly();
                }
                if (buffer[at++] >= 0 || bytesRead == 9) {
                    break;
                }
            }
        }
        return at - position;
    }

    int varint() {
        return (int) varlong();
    }

    /** A count or size: a compressed integer that must fit what is left of the chunk. */
    int length() {
        long value = varlong();
        if (value < 0 || value > limit - position) {
            throw new DamagedRecordingException("a length of " + value + " where " + (limit - position)
                                                + " bytes are left");
        }
        return (int) value;
    }

    byte next() {
        if (position >= limit) {
            throw endsEarly();
        }
        return buffer[position++];
    }

    private static DamagedRecordingException endsEarly() {
        return new DamagedRecordingException("data that ends before its chunk does");
    }

    int rawInt() {
        return (int) raw(4);
    }

    long rawLong() {
        return raw(8);
    }

    private long raw(int size) {
        if (limit - position < size) {
            throw endsEarly();
        }
        long result = 0;
        for (int i = 0; i < size; i++) {
            result = result << 8 | (buffer[position++] & 0xFF);
        }
        return result;
    }

    void skip(int count) {
        if (count < 0 || count > limit - position) {
            throw new DamagedRecordingException("a skip of " + count + " where " + (limit - position)
                                                + " bytes are left");
        }
        position += count;
    }

    /** A hash of the next {@code length} bytes, as {@link java.util.Arrays#hashCode(byte[])} over them. */
    int regionHash(int length) {
        int hash = 1;
        for (int i = position, end = position + length; i < end; i++) {
            hash = 31 * hash + buffer[i];
        }
        return hash;
    }

    /** Whether the next {@code length} bytes equal {@code other}'s first {@code length}. */
    boolean regionEquals(int length, byte[] other) {
        if (other == null || other.length != length || length > limit - position) {
            return false;
        }
        // A plain loop: the strings compared are a few dozen bytes, and under C1 Arrays.equals' range checks and
        // calls cost more than the comparison (10% of the reading threads' samples on a 220 MB recording).
        byte[] bytes = buffer;
        for (int i = 0, at = position; i < length; i++, at++) {
            if (bytes[at] != other[i]) {
                return false;
            }
        }
        return true;
    }

    byte[] copy(int length) {
        byte[] copy = java.util.Arrays.copyOfRange(buffer, position, position + length);
        position += length;
        return copy;
    }

    String utf8(int length) {
        String text = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return text;
    }

    String latin1(int length) {
        String text = new String(buffer, position, length, StandardCharsets.ISO_8859_1);
        position += length;
        return text;
    }

    String chars(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = (char) varlong();
        }
        return new String(chars);
    }
}
