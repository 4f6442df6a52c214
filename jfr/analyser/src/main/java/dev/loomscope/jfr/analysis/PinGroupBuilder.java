package dev.loomscope.jfr.analysis;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.loomscope.jfr.read.JfrFrame;

/** Pins of one top frame, as they arrive. */
final class PinGroupBuilder {

    private static final int STACK_FRAMES = 32;

    private final String topFrame;
    private final Set<String> reasons = new TreeSet<>();
    private final Set<String> operations = new TreeSet<>();
    private final Set<String> carriers = new TreeSet<>(NaturalOrder.INSTANCE);
    private long count;
    private long totalNanos;
    private long maxNanos = -1;
    private List<String> stackTrace = List.of();

    PinGroupBuilder(String topFrame) {
        this.topFrame = topFrame;
    }

    void add(long nanos, String reason, String operation, String carrier, List<JfrFrame> stack) {
        count++;
        totalNanos += nanos;
        if (nanos > maxNanos) {
            maxNanos = nanos;
            stackTrace = Frames.format(stack, STACK_FRAMES);
        }
        if (reason != null && !reason.isEmpty()) {
            reasons.add(reason);
        }
        if (operation != null && !operation.isEmpty()) {
            operations.add(operation);
        }
        if (!carrier.isEmpty()) {
            carriers.add(carrier);
        }
    }

    /** Adds the pins of {@code later}, gathered after these: a longest pin found first stays. */
    void add(PinGroupBuilder later) {
        count += later.count;
        totalNanos += later.totalNanos;
        if (later.maxNanos > maxNanos) {
            maxNanos = later.maxNanos;
            stackTrace = later.stackTrace;
        }
        reasons.addAll(later.reasons);
        operations.addAll(later.operations);
        carriers.addAll(later.carriers);
    }

    Report.PinGroup build() {
        return new Report.PinGroup(topFrame, count, LatencyRecorder.millis(totalNanos),
                                   LatencyRecorder.millis(Math.max(0, maxNanos)), List.copyOf(reasons),
                                   List.copyOf(operations), List.copyOf(carriers), stackTrace);
    }
}
