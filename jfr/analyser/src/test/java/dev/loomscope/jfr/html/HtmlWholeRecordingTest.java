package dev.loomscope.jfr.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loomscope.jfr.Fixtures;
import dev.loomscope.jfr.analysis.Analysis;
import dev.loomscope.jfr.analysis.RecordingAnalyzer;
import dev.loomscope.jfr.analysis.Report;
import dev.loomscope.jfr.render.JsonRenderer;
import org.junit.jupiter.api.Test;

/** The page draws every request of the recording, also when it keeps only some of them as spans. */
class HtmlWholeRecordingTest {

    private static final int FEW = 20;

    @Test
    void inFlightPeaksAndHeatCoverEveryRequestWhenOnlyAFewAreKeptAsSpans() throws Exception {
        Analysis analysis = RecordingAnalyzer.analyze(List.of(Fixtures.HOP_AND_FANOUT), FEW);
        Report.Requests requests = analysis.combined().requests();
        assertThat(requests.count()).isGreaterThan(FEW);
        JsonNode data = pageData(analysis);

        long peak = 0;
        for (JsonNode point : data.get("inflight").get("points")) {
            peak = Math.max(peak, point.get(1).asLong());
        }
        assertThat(peak).isEqualTo(requests.peakInFlight());

        JsonNode timeline = data.get("timeline");
        assertThat(timeline.get("drawnRequests").asInt()).isEqualTo(FEW);
        long heat = 0;
        for (JsonNode lane : timeline.get("heat")) {
            for (JsonNode count : lane) {
                heat += count.asLong();
            }
        }
        // The overview counts every request started on a carrier, those drawn as slices too.
        assertThat(heat).isEqualTo(requests.onVirtualThreads());
        assertThat(timeline.get("note").asText()).contains("Every one of the " + requests.count()
                + " requests is drawn: " + FEW + " (starting from ");
        long started = 0;
        for (JsonNode point : data.get("inflight").get("latency")) {
            assertThat(point.get(1).asDouble()).isLessThanOrEqualTo(point.get(2).asDouble());
            assertThat(point.get(2).asDouble()).isLessThanOrEqualTo(point.get(3).asDouble());
            started++;
        }
        assertThat(started).isPositive();
        JsonNode series = data.get("latency").get("series");
        assertThat(countIn(series.get(0))).isEqualTo(requests.count());
        assertThat(countIn(series.get(1))).isEqualTo(analysis.combined().clientCalls().count());
    }

    @Test
    void timelineFromPutsTheSlicesLaterAndTheOverviewAroundThem() throws Exception {
        Analysis whole = RecordingAnalyzer.analyze(List.of(Fixtures.HOP_AND_FANOUT), FEW);
        Report report = whole.combined();
        // From the start of the middle request of all, so that the first FEW are before the window.
        List<dev.loomscope.jfr.analysis.Timeline.RequestSpan> all =
                RecordingAnalyzer.analyze(List.of(Fixtures.HOP_AND_FANOUT), 100_000).timelines().get(0).requests();
        java.time.Instant cut = all.get(all.size() / 2).start();
        java.time.Duration from = java.time.Duration.between(report.recording().start(), cut);
        Analysis later = RecordingAnalyzer.analyze(List.of(Fixtures.HOP_AND_FANOUT), FEW, from);
        List<dev.loomscope.jfr.analysis.Timeline.RequestSpan> kept = later.timelines().get(0).requests();
        assertThat(kept).isNotEmpty().allSatisfy(r -> assertThat(r.start()).isAfterOrEqualTo(cut));
        assertThat(whole.timelines().get(0).requests()).anySatisfy(r -> assertThat(r.start()).isBefore(cut));
        assertThat(later.combined()).isEqualTo(report); // the numbers never depend on the window
        JsonNode timeline = pageData(later).get("timeline");
        assertThat(timeline.get("detailFromMillis").asDouble()).isGreaterThanOrEqualTo(from.toNanos() / 1e6 - 0.001);
        assertThat(timeline.get("note").asText()).contains("report --timeline-from D");
    }

    private static long countIn(JsonNode series) {
        long count = 0;
        for (JsonNode bucket : series.get("buckets")) {
            count += bucket.get(1).asLong();
        }
        return count;
    }

    /**
     * Could fail (in most JVMs: the order of a Map.of changes with each) if the page's fixed objects took their
     * fields in no fixed order, so that two pages of one recording differed byte for byte.
     */
    @Test
    void thePagesFixedObjectsKeepTheirFieldsInOneOrder() throws Exception {
        JsonNode data = pageData(RecordingAnalyzer.analyze(List.of(Fixtures.SERVER_SLICES), FEW));

        for (JsonNode section : data.get("sections")) {
            assertThat(section.fieldNames()).toIterable().containsExactly("key", "label", "needs");
        }
        assertThat(data.get("jmc").fieldNames()).toIterable().containsExactly("results", "note");
    }

    static JsonNode pageData(Analysis analysis) throws Exception {
        StringWriter page = new StringWriter();
        HtmlReport.write(analysis, new JsonRenderer().tree(analysis.combined()), List.of(), false, page);
        String html = page.toString();
        String open = "<script type=\"application/json\" id=\"loomscope-data\">";
        int from = html.indexOf(open) + open.length();
        return new ObjectMapper().readTree(html.substring(from, html.indexOf("</script>", from)).replace("<\\/", "</"));
    }
}
