package dev.loomscope.jfr.read;

/**
 * The inline strings one field of one event type had lately, by their encoded bytes: a string seen again is found
 * by a hash of its bytes and handed out as the same String, without decoding it or making a new one.
 */
final class InlineStrings {

    // Open addressing over a fixed table: a field with more distinct values than slots (a path per request) just
    // replaces entries, as a cache may; one with few (carriers, connections) never decodes twice.
    private static final int SLOTS = 256;

    private final byte[][] bytes = new byte[SLOTS][];
    private final byte[] encodings = new byte[SLOTS];
    private final String[] strings = new String[SLOTS];
    private int lastSlot;

    /**
     * Reads the length and text of a string of {@code encoding} (3 UTF-8, 4 char array, 5 Latin-1) whose bytes end
     * at {@code end}: char arrays, as the JDK writes short strings, take a compressed integer per char.
     */
    String read(Bytes in, byte encoding, int end) {
        int length = in.length();
        return read(in, encoding, length, end - in.position());
    }

    /** As {@link #read(Bytes, byte, int)} with {@code in} past the length: {@code length} chars in {@code byteLength}. */
    String read(Bytes in, byte encoding, int length, int byteLength) {
        if (matches(lastSlot, in, byteLength, encoding)) {
            in.skip(byteLength);
            return strings[lastSlot];
        }
        int slot = (in.regionHash(byteLength) * 31 + encoding) & (SLOTS - 1);
        if (!matches(slot, in, byteLength, encoding)) {
            int start = in.position();
            String text = switch (encoding) {
                case 3 -> in.utf8(length);
                case 4 -> in.chars(length);
                default -> in.latin1(length);
            };
            in.position(start);
            bytes[slot] = in.copy(byteLength);
            encodings[slot] = encoding;
            strings[slot] = text;
        } else {
            in.skip(byteLength);
        }
        lastSlot = slot;
        return strings[slot];
    }

    private boolean matches(int slot, Bytes in, int byteLength, byte encoding) {
        return encodings[slot] == encoding && in.regionEquals(byteLength, bytes[slot]);
    }
}
