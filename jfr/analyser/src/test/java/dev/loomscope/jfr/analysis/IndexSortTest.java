package dev.loomscope.jfr.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class IndexSortTest {

    @Test
    void sortsIndexesLikeABoxedStableSort() {
        long[] keys = new Random(42).longs(10_001, 0, 500).toArray();
        int[] ours = IndexSort.sorted(keys.length, (a, b) -> Long.compare(keys[a], keys[b]));
        int[] boxed = IntStream.range(0, keys.length).boxed()
                .sorted((a, b) -> Long.compare(keys[a], keys[b])).mapToInt(Integer::intValue).toArray();
        assertThat(ours).isEqualTo(boxed);
    }

    @Test
    void handlesEmptyAndSingle() {
        assertThat(IndexSort.sorted(0, (a, b) -> 0)).isEmpty();
        assertThat(IndexSort.sorted(1, (a, b) -> 0)).containsExactly(0);
        assertThat(Arrays.stream(IndexSort.sorted(3, (a, b) -> Integer.compare(b, a))).boxed()).containsExactly(2, 1, 0);
    }

    @Test
    void sortsARangeByTimeLikeAStableSortLeavingTheRestAlone() {
        long[] times = new Random(7).longs(20_000, 1_700_000_000_000_000_000L, 1_700_000_000_000_000_400L).toArray();
        int[] order = IntStream.range(0, times.length).map(i -> times.length - 1 - i).toArray();
        int[] expected = order.clone();
        Integer[] middle = IntStream.range(100, 19_900).mapToObj(k -> expected[k]).toArray(Integer[]::new);
        Arrays.sort(middle, (a, b) -> Long.compare(times[a], times[b]));
        for (int k = 0; k < middle.length; k++) {
            expected[100 + k] = middle[k];
        }
        IndexSort.sortByTime(order, 100, 19_900, times);
        assertThat(order).isEqualTo(expected);
    }

    @Test
    void sortsTimesTooFarApartToPackByComparingThem() {
        long[] times = {Long.MAX_VALUE, 5, Long.MIN_VALUE, 5, 0};
        int[] order = {0, 1, 2, 3, 4};
        IndexSort.sortByTime(order, 0, order.length, times);
        assertThat(order).containsExactly(2, 4, 1, 3, 0);
    }
}
