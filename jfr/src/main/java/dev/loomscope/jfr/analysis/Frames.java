package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.List;

import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

/** Stack frames as text, and the top application frame of a stack. */
final class Frames {

    static final String NO_STACK = "(no stack trace)";

    private Frames() {
    }

    /** First frame not in java.*, jdk.* or sun.*; the top frame when all are; {@link #NO_STACK} without frames. */
    static String topApplicationFrame(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return NO_STACK;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String type = typeName(frame);
            if (!(type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun."))) {
                return format(frame);
            }
        }
        return format(stack.getFrames().get(0));
    }

    /** Up to {@code limit} frames, top first. */
    static List<String> format(RecordedStackTrace stack, int limit) {
        List<String> frames = new ArrayList<>();
        if (stack == null) {
            return frames;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (frames.size() == limit) {
                frames.add("...");
                break;
            }
            frames.add(format(frame));
        }
        return frames;
    }

    /** pkg.Class.method(line), as docs/CONTRACTS.md spells it; (native) or () when there is no line. */
    static String format(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        String name = method == null ? "?" : method.getName();
        int line = frame.getLineNumber();
        String where = line >= 0 ? Integer.toString(line) : "Native".equals(frame.getType()) ? "native" : "";
        return typeName(frame) + "." + name + "(" + where + ")";
    }

    private static String typeName(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method == null || method.getType() == null ? "?" : method.getType().getName();
    }
}
