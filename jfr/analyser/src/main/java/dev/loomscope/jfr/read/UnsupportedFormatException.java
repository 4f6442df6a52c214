package dev.loomscope.jfr.read;

/** A JFR file of a format version this reader does not read; the message says which and what it reads. */
public final class UnsupportedFormatException extends RuntimeException {

    UnsupportedFormatException(String message) {
        super(message);
    }
}
