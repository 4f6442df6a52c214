package dev.loomscope.jfr.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class DurationCountsTest {

    @Test
    void eachDurationFallsInTheBucketHdrHistogramPutsItIn() {
        Histogram library = new Histogram(3);
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            long value = random.nextLong() >>> (2 + random.nextInt(61));
            int index = DurationCounts.indexOf(value);
            assertThat(DurationCounts.lowestOf(index)).as("bucket of %d", value)
                    .isEqualTo(library.lowestEquivalentValue(value));
            assertThat(DurationCounts.lowestOf(index + 1)).as("next bucket of %d", value)
                    .isEqualTo(library.nextNonEquivalentValue(value));
        }
    }

    @Test
    void durationsAroundEveryPowerOfTwoFallInTheBucketsHdrHistogramPutsThemIn() {
        Histogram library = new Histogram(3);
        for (int bit = 0; bit < 63; bit++) {
            for (long value : new long[] {(1L << bit) - 1, 1L << bit, (1L << bit) + 1}) {
                assertThat(DurationCounts.lowestOf(DurationCounts.indexOf(value))).as("bucket of %d", value)
                        .isEqualTo(library.lowestEquivalentValue(value));
            }
        }
        assertThat(DurationCounts.lowestOf(DurationCounts.indexOf(Long.MAX_VALUE)))
                .isEqualTo(library.lowestEquivalentValue(Long.MAX_VALUE));
    }

    @Test
    void givesTheLatencyRecordingEachDurationGives() {
        LatencyRecorder each = new LatencyRecorder();
        DurationCounts counted = new DurationCounts();
        DurationCounts otherHalf = new DurationCounts();
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            long nanos = (long) Math.exp(random.nextDouble() * 30) - (i % 97 == 0 ? 5 : 0);
            each.record(nanos);
            (i % 2 == 0 ? counted : otherHalf).record(nanos);
        }
        counted.add(otherHalf);
        assertThat(counted.recorder().toMillis()).isEqualTo(each.toMillis());
    }
}
