package dev.loomscope.jfr.read;

/** JFR's string encodings: null, empty, constant-pool reference, UTF-8, char array, Latin-1. */
final class Strings {

    private Strings() {
    }

    /** Reads one encoded string; {@code pool} resolves references (null where none may occur). */
    static String read(Bytes bytes, ConstantPools pool) {
        byte encoding = bytes.next();
        return switch (encoding) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> {
                if (pool == null) {
                    throw new DamagedRecordingException("a string reference where none is allowed");
                }
                yield pool.string(bytes.varlong());
            }
            case 3 -> bytes.utf8(bytes.length());
            case 4 -> bytes.chars(bytes.length());
            case 5 -> bytes.latin1(bytes.length());
            default -> throw new DamagedRecordingException("unknown string encoding " + encoding);
        };
    }

    /** Moves past one encoded string without decoding it. */
    static void skip(Bytes bytes) {
        byte encoding = bytes.next();
        switch (encoding) {
            case 0, 1 -> { }
            case 2 -> bytes.varlong();
            case 3, 5 -> bytes.skip(bytes.length());
            // A compressed integer per char: their bytes are counted, not decoded.
            case 4 -> bytes.skip(bytes.compressedLength(bytes.length()));
            default -> throw new DamagedRecordingException("unknown string encoding " + encoding);
        }
    }

    /** Reads one encoded string and tells whether it starts with {@code prefix}, mostly without decoding it. */
    static boolean startsWith(Bytes bytes, String prefix, ConstantPools pool) {
        byte encoding = bytes.next();
        switch (encoding) {
            case 0, 1 -> {
                return encoding == 1 && prefix.isEmpty();
            }
            case 3, 5 -> {
                int length = bytes.length();
                int end = bytes.position() + length;
                boolean matches;
                if (isAscii(prefix)) {
                    // An ASCII prefix has the same bytes in UTF-8 and Latin-1.
                    matches = length >= prefix.length();
                    for (int i = 0; matches && i < prefix.length(); i++) {
                        matches = bytes.next() == prefix.charAt(i);
                    }
                } else {
                    matches = (encoding == 3 ? bytes.utf8(length) : bytes.latin1(length)).startsWith(prefix);
                }
                bytes.position(end);
                return matches;
            }
            case 2 -> {
                String text = pool.string(bytes.varlong());
                return text != null && text.startsWith(prefix);
            }
            case 4 -> {
                return bytes.chars(bytes.length()).startsWith(prefix);
            }
            default -> throw new DamagedRecordingException("unknown string encoding " + encoding);
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
