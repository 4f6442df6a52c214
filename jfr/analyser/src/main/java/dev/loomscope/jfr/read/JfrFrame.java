package dev.loomscope.jfr.read;

/** One stack frame: declaring class, method, line (negative when unknown) and frame type ("Interpreted", ...). */
public record JfrFrame(String typeName, String methodName, int lineNumber, String type) {
}
