package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.List;

import dev.loomscope.jfr.read.JfrFrame;

/** Stack frames as text, and the top application frame of a stack. */
final class Frames {

    static final String NO_STACK = "(no stack trace)";

    private Frames() {
    }

    /** First frame not in java.*, jdk.* or sun.*; the top frame when all are; {@link #NO_STACK} without frames. */
    static String topApplicationFrame(List<JfrFrame> stack) {
        if (stack == null || stack.isEmpty()) {
            return NO_STACK;
        }
        for (JfrFrame frame : stack) {
            String type = typeName(frame);
            if (!(type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun."))) {
                return format(frame);
            }
        }
        return format(stack.get(0));
    }

    /** Up to {@code limit} frames, top first. */
    static List<String> format(List<JfrFrame> stack, int limit) {
        List<String> frames = new ArrayList<>();
        if (stack == null) {
            return frames;
        }
        for (JfrFrame frame : stack) {
            if (frames.size() == limit) {
                frames.add("...");
                break;
            }
            frames.add(format(frame));
        }
        return frames;
    }

    /** pkg.Class.method(line), as docs/CONTRACTS.md spells it; (native) or () when there is no line. */
    static String format(JfrFrame frame) {
        String name = frame.methodName() == null ? "?" : frame.methodName();
        int line = frame.lineNumber();
        String where = line >= 0 ? Integer.toString(line) : "Native".equals(frame.type()) ? "native" : "";
        return typeName(frame) + "." + name + "(" + where + ")";
    }

    private static String typeName(JfrFrame frame) {
        return frame.typeName() == null ? "?" : frame.typeName();
    }
}
