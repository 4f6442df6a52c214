package dev.loomscope.jfr.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import dev.loomscope.jfr.Fixtures;
import org.junit.jupiter.api.Test;

class SliceLanesTest {

    @Test
    void aMillionSlicesAreSentAsPerPixelSummariesOnly() {
        long started = System.nanoTime();
        SliceLanes lanes = ManySlices.lanes(1_000_000);
        System.out.printf("a million slices: lanes built in %.0f ms%n", (System.nanoTime() - started) / 1e6);
        assertThat(lanes.slices()).isEqualTo(1_000_000);
        // 31,250 slices per window, over the cap: no window is sent exactly.
        assertThat(lanes.exactSlices()).isZero();
        assertThat(lanes.windows()).hasSize(SliceLaneBuilder.WINDOWS).allSatisfy(w -> {
            assertThat(w.exact()).isNull();
            assertThat(w.buckets().busy()).hasNumberOfRows(8);
        });
        assertThat(lanes.overview().busy()).hasNumberOfRows(8);
        assertThat(lanes.overview().busy()[0]).hasSize(SliceLaneBuilder.OVERVIEW_BUCKETS);
        // 200 µs busy of every 280 µs: 71% of 255 in the buckets away from the ends.
        assertThat(lanes.overview().busy()[3][600]).isBetween(175, 190);
        assertThat(lanes.threads()).hasSizeLessThanOrEqualTo(10_000);
    }

    @Test
    void aSmallRecordingIsSentExactlyWithEachSlicesWakeup() throws RecordingException {
        Analysis analysis = RecordingAnalyzer.analyze(List.of(Fixtures.TWO_HOPS));
        SliceLanes lanes = analysis.sliceLanes();
        assertThat(lanes.carriers()).containsExactly("carrier-1", "carrier-2", "carrier-3");
        assertThat(lanes.exactSlices()).isEqualTo(3);
        long[] all = lanes.windows().stream().filter(w -> w.exact() != null)
                .flatMapToLong(w -> Arrays.stream(w.exact())).toArray();
        // worker-a's two slices each have a wake-up at least 5 ms before them; worker-b's has none.
        int withWakeup = 0;
        for (int i = 0; i < all.length; i += SliceLanes.EXACT_FIELDS) {
            if (all[i + 6] >= 0) {
                withWakeup++;
                assertThat(all[i + 1] - all[i + 6]).isGreaterThanOrEqualTo(5_000_000);
                assertThat(lanes.threads().get((int) all[i + 3])).startsWith("worker-a #");
            }
        }
        assertThat(withWakeup).isPositive();
    }

    @Test
    void textAndJsonReportsBuildNoLanes() throws RecordingException {
        assertThat(RecordingAnalyzer.analyze(List.of(Fixtures.TWO_HOPS), 0).sliceLanes()).isNull();
    }
}
