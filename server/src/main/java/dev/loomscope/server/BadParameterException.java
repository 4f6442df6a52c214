package dev.loomscope.server;

/** A query parameter that is missing its form or its range; answered with 400 and a problem body naming it. */
final class BadParameterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String allowed;

    BadParameterException(String field, String value, String allowed) {
        super(field + " must be " + allowed + ", got '" + value + "'", null, false, false);
        this.field = field;
        this.allowed = allowed;
    }

    String field() {
        return field;
    }

    String allowed() {
        return allowed;
    }
}
