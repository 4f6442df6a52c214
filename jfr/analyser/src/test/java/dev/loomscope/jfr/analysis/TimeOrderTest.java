package dev.loomscope.jfr.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TimeOrderTest {

    @Test
    void sortsEachGroupByTimeThenIndexLikeAStableSortOfTheGroup() {
        long[] times = new Random(7).longs(20_000, 1_700_000_000_000_000_000L, 1_700_000_000_000_000_400L).toArray();
        int[] keyOf = new Random(3).ints(times.length, 0, 5).toArray();
        int[] firsts = new int[6];
        int[] grouped = IndexSort.grouped(keyOf, times.length, 5, firsts);
        TimeOrder order = TimeOrder.of(times, grouped, firsts, 5);
        for (int g = 0; g < 5; g++) {
            Integer[] expected = IntStream.range(firsts[g], firsts[g + 1]).mapToObj(k -> grouped[k])
                    .sorted((a, b) -> Long.compare(times[a], times[b])).toArray(Integer[]::new);
            assertThat(Arrays.copyOfRange(order.index, firsts[g], firsts[g + 1])).containsExactly(
                    Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
        }
        for (int k = 0; k < times.length; k++) {
            assertThat(order.time[k]).isEqualTo(times[order.index[k]]);
        }
    }

    @Test
    void sortsTimesTooFarApartToPackByComparingThem() {
        long[] times = {Long.MAX_VALUE, 5, Long.MIN_VALUE, 5, 0};
        TimeOrder order = TimeOrder.of(times, new int[] {4, 3, 2, 1, 0});
        assertThat(order.index).containsExactly(2, 4, 1, 3, 0);
        assertThat(order.time).containsExactly(Long.MIN_VALUE, 0, 5, 5, Long.MAX_VALUE);
    }

    @Test
    void aThreadsSliceEndingAfterATimeIsFoundFromAnyPlaceToStartAt() {
        SliceStore store = new SliceStore();
        Random random = new Random(9);
        long at = 1_000;
        for (int i = 0; i < 500; i++) {
            long start = at + random.nextInt(50);
            at = start + 1 + random.nextInt(100);
            store.addSlice(start, at, i % 3, i % 2, 0);
        }
        ThreadSlices slices = new ThreadSlices(store, 2, store.sliceTimes(3));
        for (int t = 0; t < 2; t++) {
            for (long nanos = 900; nanos < at + 100; nanos += 37) {
                int expected = slices.firstEndingAfter(t, nanos);
                for (int near = slices.firsts[t]; near <= slices.firsts[t + 1]; near += 7) {
                    assertThat(slices.firstEndingAfter(t, nanos, near)).isEqualTo(expected);
                }
                assertThat(slices.firstEndingAfter(t, nanos, slices.firsts[t + 1])).isEqualTo(expected);
            }
        }
    }

    /** Could fail if a part's slices were merged in at the wrong place, or ties not kept by index. */
    @Test
    void partsSortedOnTheirOwnAndAppendedGiveTheOrderOfOneSortOverTheWhole() {
        Random random = new Random(11);
        SliceStore whole = new SliceStore();
        SliceStore unsorted = new SliceStore();
        int[] identity = {0, 1, 2, 3, 4, 5, 6, 7};
        long at = 1_000_000;
        for (int p = 0; p < 6; p++) {
            SliceStore part = new SliceStore();
            for (int i = 0; i < 2_000; i++) {
                // Starts move forward with jitter and repeats; long slices reach back past earlier parts' last ones.
                long start = at - random.nextInt(i % 50 == 0 ? 5_000 : 20);
                at += random.nextInt(3);
                part.addSlice(start, start + 10, random.nextInt(3), random.nextInt(8), 0);
                part.addWakeup(start - random.nextInt(30), random.nextInt(8), 0, -1);
            }
            part.sortForMerge(3);
            whole.append(part, identity, identity, identity, identity, identity);
            unsorted.append(copyOf(part), identity, identity, identity, identity, identity);
        }
        TimeOrder merged = whole.sliceTimes(3);
        TimeOrder sorted = unsorted.sliceTimes(3);

        assertThat(merged.index).hasSize(12_000).containsExactly(sorted.index);
        assertThat(merged.time).containsExactly(sorted.time);
        for (int k = 1; k < merged.index.length; k++) {
            assertThat(merged.time[k - 1] < merged.time[k]
                       || merged.time[k - 1] == merged.time[k] && merged.index[k - 1] < merged.index[k]).isTrue();
        }
        int[] mergedFirsts = new int[9];
        int[] sortedFirsts = new int[9];
        TimeOrder mergedWakeups = whole.wakeupTimes(8, mergedFirsts);
        TimeOrder sortedWakeups = unsorted.wakeupTimes(8, sortedFirsts);
        assertThat(mergedWakeups.index).hasSize(12_000).containsExactly(sortedWakeups.index);
        assertThat(mergedWakeups.time).containsExactly(sortedWakeups.time);
        assertThat(mergedFirsts).containsExactly(sortedFirsts);
    }

    /** The same slices and wake-ups added one by one: such a store sorts them when asked. */
    private static SliceStore copyOf(SliceStore part) {
        SliceStore copy = new SliceStore();
        for (int i = 0; i < part.slices(); i++) {
            copy.addSlice(part.start(i), part.end(i), part.carrier(i), part.thread(i), part.endKind(i));
        }
        for (int i = 0; i < part.wakeups(); i++) {
            copy.addWakeup(part.wakeupTime(i), part.wakeupThread(i), part.wakeupSource(i), part.wakeupWaker(i));
        }
        return copy;
    }
}
