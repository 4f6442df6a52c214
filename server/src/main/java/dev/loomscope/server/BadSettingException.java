package dev.loomscope.server;

/** A configuration value the server cannot run with; its message names the key, the value and what is allowed. */
final class BadSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadSettingException(String key, String value, String allowed) {
        super(key + "=" + value + ": " + allowed);
    }
}
