package dev.loomscope.client.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoadCommandTest {

    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = new TestServer();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void withoutCommandExplainsTheWorkflowAndExits2() {
        Run run = Run.of();

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).startsWith("loomscope-client: missing command, try: loomscope-client load URL")
                .contains("Example usage:");
    }

    @Test
    void withoutUrlPrintsMessageAndUsageAndExits2() {
        Run run = Run.of("load");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).startsWith("loomscope-client load: missing required parameter: 'URL'")
                .contains("Usage: loomscope-client load");
        assertThat(run.out).isEmpty();
    }

    @Test
    void rejectsDurationTogetherWithRequests() {
        long before = server.requests();

        Run run = Run.of("load", server.uri("/").toString(), "--duration", "1s", "--requests", "5");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).startsWith("loomscope-client load: --duration=D, --requests=N are mutually exclusive");
        assertThat(server.requests()).isEqualTo(before);
    }

    @Test
    void rejectsZeroConnections() {
        Run run = Run.of("load", server.uri("/").toString(), "--connections", "0");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).startsWith("loomscope-client load: connections must be at least 1, was 0");
    }

    @Test
    void rejectsADurationItCannotRead() {
        Run run = Run.of("load", server.uri("/").toString(), "--duration", "ten");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).startsWith("loomscope-client load: invalid value for option '--duration': "
                                               + "'ten' is not a duration, use e.g. 30s, 500ms, 2m or PT30S");
    }

    @Test
    void rejectsAnHttpsUrl() {
        Run run = Run.of("load", "https://127.0.0.1:8443/");

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).startsWith("loomscope-client load: the URL must be http:// with a host");
    }

    @Test
    void targetDownGivesOneLineAndExits1() throws Exception {
        URI nobody = TestServer.refusingUri();

        Run run = Run.of("load", nobody.toString(), "--requests", "5");

        assertThat(run.code).isEqualTo(1);
        assertThat(run.err).isEqualTo("loomscope-client load: cannot connect to " + nobody
                                              + ": connection refused" + System.lineSeparator());
        assertThat(run.out).isEmpty();
    }

    @Test
    void printsOneJsonObjectWithRequestsPerSecond() throws Exception {
        Run run = Run.of("load", server.uri("/").toString(), "--requests", "50", "--connections", "2", "--json");

        assertThat(run.code).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out);
        assertThat(json.get("requestsPerSecond").asDouble()).isPositive();
        assertThat(json.get("requests").asLong()).isEqualTo(50);
        assertThat(json.get("statusCounts").get("200").asLong()).isEqualTo(50);
        assertThat(json.get("errors").size()).isZero();
        assertThat(json.get("unfinished").asLong()).isZero();
        assertThat(json.get("latencyMillis").get("p99").asDouble()).isPositive();
        assertThat(run.out.strip()).doesNotContain("\n");
    }

    @Test
    void printsATableOfThroughputLatenciesStatusesAndErrors() {
        Run run = Run.of("load", server.uri("/missing").toString(), "-n", "20", "-c", "1");

        assertThat(run.code).isZero();
        assertThat(run.out).contains("throughput", "latency p50", "latency p90", "latency p99 ", "latency p99.9",
                                     "latency max", "status 404", "errors");
        assertThat(run.out).containsPattern("status 404\\s+20");
    }

    @Test
    void printsRequestsStillWaitingAtTheEndAsUnfinishedInJson() throws Exception {
        Run run = Run.of("load", server.uri("/hang").toString(), "-d", "500ms", "-c", "2", "--timeout", "5m",
                         "--json");

        assertThat(run.code).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out);
        assertThat(json.get("requests").asLong()).isZero();
        assertThat(json.get("errorCount").asLong()).isZero();
        assertThat(json.get("unfinished").asLong()).isEqualTo(2);
    }

    @Test
    void printsRequestsStillWaitingAtTheEndAsUnfinishedInTheTableAndProgress() {
        Run run = Run.of("load", server.uri("/hang").toString(), "-d", "1500ms", "-c", "2", "--timeout", "5m");

        assertThat(run.code).isZero();
        assertThat(run.out).containsPattern("requests\\s+0 answered, 0 failed, 2 unfinished "
                                                    + "\\(no answer by the end of the run\\)");
        assertThat(run.err).contains("in flight 2");
    }

    /** One run of the command line, with what it printed. */
    private record Run(int code, String out, String err) {
        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = LoadCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
            return new Run(code, out.toString(), err.toString());
        }
    }
}
