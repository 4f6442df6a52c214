package dev.loomscope.jfr.analysis;

/**
 * Carrier lanes of a made-up recording with as many slices as asked for, without writing a file: 8 carriers, each
 * running back-to-back 200 µs slices of 10,000 virtual threads in turn, 80 µs apart, each woken 50 µs before it.
 */
public final class ManySlices {

    private ManySlices() {
    }

    /** The lanes of {@code slices} slices. */
    public static SliceLanes lanes(int slices) {
        SliceStore store = new SliceStore();
        ThreadTable carriers = new ThreadTable();
        ThreadTable threads = new ThreadTable();
        ThreadTable wakers = new ThreadTable();
        Names kinds = new Names(100);
        Names sources = new Names(100);
        int parked = kinds.index("parked");
        int timer = sources.index("timer");
        for (int c = 0; c < 8; c++) {
            carriers.index(1_000 + c, "ForkJoinPool-1-worker-" + (c + 1));
        }
        for (int t = 0; t < 10_000; t++) {
            threads.index(100_000 + t, "many-" + t);
        }
        long origin = 1_000_000_000L;
        long end = origin;
        for (int i = 0; i < slices; i++) {
            int carrier = i % 8;
            long start = origin + (i / 8) * 280_000L;
            store.addWakeup(start - 50_000, i % 10_000, timer, -1);
            store.addSlice(start, start + 200_000, carrier, i % 10_000, parked);
            end = start + 200_000;
        }
        SliceAnalysis analysis = new SliceAnalysis(store, carriers, threads, kinds, sources, origin, end);
        return new SliceLaneBuilder(store, carriers, threads, wakers, kinds, sources, analysis).lanes(null);
    }
}
