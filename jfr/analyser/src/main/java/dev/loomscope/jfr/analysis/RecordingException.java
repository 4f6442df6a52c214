package dev.loomscope.jfr.analysis;

import java.io.Serial;

/** A file that is not a readable JFR recording: missing, empty, truncated or of another kind. */
public final class RecordingException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, as a lower-case fragment naming the file, e.g. "no such file x.jfr" */
    public RecordingException(String message) {
        super(message);
    }

    RecordingException(String message, Throwable cause) {
        super(message, cause);
    }
}
