package dev.loomscope.jfr.read;

/** Bytes that do not follow the JFR file format; the message says what was found. */
public final class DamagedRecordingException extends RuntimeException {

    DamagedRecordingException(String message) {
        super(message);
    }
}
