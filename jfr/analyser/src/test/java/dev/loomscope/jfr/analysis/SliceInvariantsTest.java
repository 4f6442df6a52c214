package dev.loomscope.jfr.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The invariant checks on slices laid out by hand, times in ns from 0. */
class SliceInvariantsTest {

    private final SliceStore store = new SliceStore();
    private final ThreadTable carriers = new ThreadTable();
    private final ThreadTable threads = new ThreadTable();
    private final Names kinds = new Names(100);

    private Slices.Invariants invariants() {
        return new SliceAnalysis(store, carriers, threads, kinds, new Names(100), 0, 100)
                .slices(new SpanStore(), null, null).invariants();
    }

    @Test
    void everySliceInsideALongOneOnTheSameCarrierIsAnOverlapNotOnlyTheFirst() {
        int carrier = carriers.index(1, "carrier-1");
        int parked = kinds.index("parked");
        store.addSlice(0, 10, carrier, threads.index(11, "a"), parked);
        store.addSlice(1, 2, carrier, threads.index(12, "b"), parked);
        store.addSlice(3, 4, carrier, threads.index(13, "c"), parked);
        store.addSlice(10, 12, carrier, threads.index(14, "d"), parked);
        Slices.Invariants invariants = invariants();
        assertThat(invariants.carrierOverlaps()).isEqualTo(2);
        assertThat(invariants.virtualThreadOverlaps()).isZero();
        assertThat(invariants.holds()).isFalse();
    }

    @Test
    void aThreadBackToBackOnTwoCarriersKeepsTheInvariants() {
        int parked = kinds.index("parked");
        int thread = threads.index(11, "a");
        store.addSlice(0, 10, carriers.index(1, "carrier-1"), thread, parked);
        store.addSlice(10, 20, carriers.index(2, "carrier-2"), thread, parked);
        assertThat(invariants().holds()).isTrue();
    }
}
