package dev.loomscope.jfr.read;

/** A thread as a recording names it; {@code javaName} is empty for unnamed virtual threads. */
public record JfrThread(String javaName, String osName, long javaThreadId, boolean virtual) {
}
