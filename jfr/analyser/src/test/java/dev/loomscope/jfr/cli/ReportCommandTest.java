package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loomscope.jfr.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void jsonHasTheFieldNamesOfTheContract() throws IOException {
        Cli.Result result = Cli.run("report", "--format", "json", Fixtures.HOP_AND_FANOUT.toString());
        assertThat(result.code()).isZero();
        JsonNode root = JSON.readTree(result.out());
        assertThat(names(root)).containsExactly("recordings", "combined");
        JsonNode report = root.get("combined");
        assertThat(names(report)).containsExactly("sources", "recording", "carriers", "virtualThreads", "requests",
                                                  "clientCalls", "pinning", "submitFailures", "connections", "missing",
                                                  "verdict");
        assertThat(names(report.get("recording"))).containsExactly("jdk", "start", "end", "durationMillis",
                                                                   "loomscopeEvents", "unfinishedChunks",
                                                                   "undeclaredTypes", "reader", "readerNote");
        assertThat(names(report.get("carriers"))).containsExactly("count", "parallelism", "perCarrier");
        assertThat(names(report.get("carriers").get("perCarrier").get(0)))
                .containsExactly("name", "requestStarts", "requestEnds", "callStarts", "callResumes");
        assertThat(names(report.get("virtualThreads"))).containsExactly("started", "ended", "aliveAtEnd", "peakAlive",
                                                                        "loomscopeStarted", "loomscopeAliveAtEnd");
        assertThat(names(report.get("requests"))).containsExactly("count", "onVirtualThreads", "handlerThreads",
                "maxInFlightPerHandlerThread", "peakInFlight", "multiplexingRatio", "byPath", "byStatus",
                "latencyMillis");
        assertThat(names(report.get("requests").get("latencyMillis"))).containsExactly("p50", "p90", "p99", "p999",
                                                                                       "max");
        assertThat(names(report.get("clientCalls"))).containsExactly("count", "onHandlerThread",
                "onHandlerThreadShare", "resumedOnOtherCarrier", "resumedOnOtherCarrierShare", "byOutcome",
                "latencyMillis");
        assertThat(names(report.get("pinning"))).containsExactly("count", "threads", "totalMillis", "maxMillis",
                                                                 "groups", "threshold");
        assertThat(names(report.get("pinning").get("groups").get(0))).containsExactly("topFrame", "count",
                "totalMillis", "maxMillis", "reasons", "blockingOperations", "carriers", "stackTrace");
        assertThat(names(report.get("submitFailures"))).containsExactly("count");
        assertThat(report.get("recording").get("start").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void jsonSectionsWithoutLoomscopeEventsAreNullAndNamedInMissing() throws IOException {
        Cli.Result result = Cli.run("report", "--format", "json", Fixtures.PLAIN_NO_LOOMSCOPE.toString());
        JsonNode report = JSON.readTree(result.out()).get("recordings").get(0);
        assertThat(report.get("requests").isNull()).isTrue();
        assertThat(report.get("clientCalls").isNull()).isTrue();
        assertThat(report.get("virtualThreads").get("started").asLong()).isEqualTo(201);
        assertThat(report.get("pinning").get("count").asLong()).isEqualTo(1);
        assertThat(report.get("missing")).extracting(JsonNode::asText).containsExactly("requests", "clientCalls",
                                                                                       "connections");
        assertThat(report.get("recording").get("loomscopeEvents").asBoolean()).isFalse();
    }

    @Test
    void severalFilesAreReportedOneByOneThenCombined() throws IOException {
        Cli.Result result = Cli.run("report", "--format", "json", Fixtures.HOP_AND_FANOUT.toString(),
                                    Fixtures.PINNING_CLASS_INIT.toString());
        JsonNode root = JSON.readTree(result.out());
        assertThat(root.get("recordings")).hasSize(2);
        JsonNode combined = root.get("combined");
        assertThat(combined.get("sources")).hasSize(2);
        assertThat(combined.get("requests").get("count").asLong()).isEqualTo(165 + 5);
        assertThat(combined.get("pinning").get("count").asLong()).isEqualTo(40 + 4);
        assertThat(combined.get("virtualThreads").get("aliveAtEnd").asLong()).isEqualTo(3 + 3);

        Cli.Result text = Cli.run("report", Fixtures.HOP_AND_FANOUT.toString(), Fixtures.PINNING_CLASS_INIT.toString());
        assertThat(text.out()).contains("combined: " + Fixtures.HOP_AND_FANOUT + ", " + Fixtures.PINNING_CLASS_INIT);
    }

    @Test
    void outputOptionWritesTheReportToAFile() throws IOException {
        Path out = dir.resolve("report.json");
        Cli.Result result = Cli.run("report", "--format", "json", "-o", out.toString(),
                                    Fixtures.PINNING_CLASS_INIT.toString());
        assertThat(result.code()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(JSON.readTree(out.toFile()).get("combined").get("pinning").get("count").asLong()).isEqualTo(4);
    }

    @Test
    void textReportListsEveryCarrierAndPinGroup() {
        Cli.Result result = Cli.run("report", Fixtures.PINNING_CLASS_INIT.toString());
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("ForkJoinPool-1-worker-1", "ForkJoinPool-1-worker-2",
                "dev.loomscope.server.ClassInitBlocker.sleepInClassInit(44): 3 pins",
                "reason    VM call to dev.loomscope.server.SlowStaticInit.<clinit> on stack");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
