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
    void groupsIndexesByKeyKeepingTheirOrderWithinEachGroup() {
        int[] keyOf = {2, 0, 2, 1, 0, 2};
        int[] firsts = new int[4];
        assertThat(IndexSort.grouped(keyOf, keyOf.length, 3, firsts)).containsExactly(1, 4, 3, 0, 2, 5);
        assertThat(firsts).containsExactly(0, 2, 3, 6);
        int[] again = new int[4];
        assertThat(IndexSort.regrouped(new int[] {5, 4, 3, 2, 1, 0}, keyOf, 3, again)).containsExactly(4, 1, 3, 5, 2, 0);
        assertThat(again).containsExactly(0, 2, 3, 6);
    }
}
