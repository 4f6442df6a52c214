package dev.loomscope.jfr.analysis;

import java.util.Arrays;

/** The pins: what every span has in a {@link SpanStore}, with each one's top application frame. */
final class PinSpans {

    private final SpanStore spans = new SpanStore();
    private final Names carriers;
    private final Names frames;
    private int[] frame = new int[16];

    /** Carriers and frames are looked up in the dictionaries given. */
    PinSpans(Names carriers, Names frames) {
        this.carriers = carriers;
        this.frames = frames;
    }

    /** Adds a pin of {@code thread} on {@code carrier}, its stack's top application frame {@code topFrame}. */
    void add(long startNanos, long endNanos, long thread, String carrier, String topFrame) {
        int i = spans.addOnOneCarrier(startNanos, endNanos, thread, carriers.index(carrier));
        if (i == frame.length) {
            grow(i + 1);
        }
        frame[i] = frames.index(topFrame);
    }

    /** Appends every pin of {@code other}, its carrier and frame indexes translated by the arrays given. */
    void append(PinSpans other, int[] carrierIndexes, int[] frameIndexes) {
        int from = spans.size();
        int count = other.spans.size();
        spans.append(other.spans, carrierIndexes);
        grow(from + count);
        for (int i = 0; i < count; i++) {
            frame[from + i] = frameIndexes[other.frame[i]];
        }
    }

    private void grow(int room) {
        if (frame.length < room) {
            frame = Arrays.copyOf(frame, Math.max(room, frame.length * 2));
        }
    }

    SpanStore spans() {
        return spans;
    }

    /** The index of the pin's top application frame in the frames dictionary. */
    int frame(int i) {
        return frame[i];
    }
}
