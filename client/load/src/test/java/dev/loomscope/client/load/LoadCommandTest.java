package dev.loomscope.client.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class LoadCommandTest {

    @AutoClose
    private static final TestServer server = new TestServer();

    @Test
    void printsOneJsonObjectWithRequestsPerSecond() throws Exception {
        Cli.Result run = Cli.run("load", server.uri("/").toString(), "--requests", "50", "--connections", "2", "--json");

        assertThat(run.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("requestsPerSecond").asDouble()).isPositive();
        assertThat(json.get("requests").asLong()).isEqualTo(50);
        assertThat(json.get("statusCounts").get("200").asLong()).isEqualTo(50);
        assertThat(json.get("errors").size()).isZero();
        assertThat(json.get("unfinished").asLong()).isZero();
        assertThat(json.get("missed").asLong()).isZero();
        assertThat(json.get("latencyMillis").get("p99").asDouble()).isPositive();
        assertThat(run.out().strip()).doesNotContain("\n");
    }

    @Test
    void printsATableOfThroughputLatenciesStatusesAndErrors() {
        Cli.Result run = Cli.run("load", server.uri("/missing").toString(), "-n", "20", "-c", "1");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("throughput", "latency p50", "latency p90", "latency p99 ", "latency p99.9",
                                     "latency max", "status 404", "errors");
        assertThat(run.out()).containsPattern("status 404\\s+20");
    }

    @Test
    void printsRequestsStillWaitingAtTheEndAsUnfinishedInJson() throws Exception {
        Cli.Result run = Cli.run("load", server.uri("/hang").toString(), "-d", "500ms", "-c", "2", "--timeout", "5m",
                         "--json");

        assertThat(run.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("requests").asLong()).isZero();
        assertThat(json.get("errorCount").asLong()).isZero();
        assertThat(json.get("unfinished").asLong()).isEqualTo(2);
        assertThat(json.get("latencyMillis").isNull()).isTrue();
    }

    @Test
    void printsRequestsDueButNeverSentAsMissedInJson() throws Exception {
        // One connection against a 50 ms server cannot send 100 requests/s: most of the 100 due are never sent.
        Cli.Result run = Cli.run("load", server.uri("/slow").toString(), "--rate", "100", "-d", "1s", "-c", "1",
                                 "--json");

        assertThat(run.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        long missed = json.get("missed").asLong();
        assertThat(missed).isGreaterThanOrEqualTo(50);
        assertThat(json.get("requests").asLong() + json.get("errorCount").asLong() + json.get("unfinished").asLong()
                   + missed).isEqualTo(100);
        assertThat(run.err()).containsPattern("behind \\d+");
    }

    @Test
    void printsRequestsStillWaitingAtTheEndAsUnfinishedInTheTableAndProgress() {
        Cli.Result run = Cli.run("load", server.uri("/hang").toString(), "-d", "1500ms", "-c", "2", "--timeout", "5m");

        assertThat(run.code()).isZero();
        assertThat(run.out()).containsPattern("requests\\s+0 answered, 0 failed, 2 unfinished "
                                                    + "\\(no answer by the end of the run\\)");
        assertThat(run.err()).contains("in flight 2");
    }
}
