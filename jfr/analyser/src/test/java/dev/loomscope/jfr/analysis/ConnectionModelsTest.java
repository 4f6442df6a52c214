package dev.loomscope.jfr.analysis;

import java.nio.file.Path;
import java.util.List;

import dev.loomscope.jfr.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The connections section on a recording with both protocols: HTTP/1.1 thread per connection, HTTP/2 per stream. */
class ConnectionModelsTest {

    private static Report report(Path file) throws RecordingException {
        return RecordingAnalyzer.analyze(List.of(file)).combined();
    }

    @Test
    void http1ConnectionsRunTheirRequestsOnOneThreadEachAndH2cStreamsEachGetAThreadOfTheirOwn() throws Exception {
        ConnectionModels models = report(Fixtures.HTTP1_AND_H2C).connections();
        assertThat(models.byProtocol()).extracting(ConnectionModels.Protocol::protocol)
                .containsExactlyInAnyOrder("HTTP/1.1", "HTTP/2");
        ConnectionModels.Protocol http1 = protocol(models, "HTTP/1.1");
        ConnectionModels.Protocol http2 = protocol(models, "HTTP/2");

        // 7 curl hops on 2 connections, plus the hops' own HTTP/1.1 upstream calls to /upstream.
        assertThat(http1.model()).isEqualTo(ConnectionModels.THREAD_PER_CONNECTION);
        assertThat(http1.maxInFlightPerConnection()).isEqualTo(1);
        assertThat(http1.connectionsOnManyThreads()).isZero();
        assertThat(http1.handlerThreads()).isEqualTo(http1.connections());
        assertThat(http1.requestsPerHandlerThread()).isGreaterThan(1.0);

        // h2load: 40 requests, 2 connections, up to 10 streams at once on each.
        assertThat(http2.model()).isEqualTo(ConnectionModels.THREAD_PER_REQUEST);
        assertThat(http2.requests()).isEqualTo(40);
        assertThat(http2.connections()).isEqualTo(2);
        assertThat(http2.handlerThreads()).isEqualTo(40);
        assertThat(http2.requestsPerHandlerThread()).isEqualTo(1.0);
        assertThat(http2.maxInFlightPerConnection()).isBetween(2L, 10L);
        assertThat(http2.connectionsOnManyThreads()).isEqualTo(2);
    }

    @Test
    void theVerdictSaysWhichModelEachProtocolShows() throws Exception {
        assertThat(report(Fixtures.HTTP1_AND_H2C).verdict())
                .contains("HTTP/1.1: one virtual thread per connection, its requests one after another on it")
                .contains("HTTP/2: one thread per request (per stream), many on one connection");
    }

    @Test
    void aRecordingWithoutProtocolFieldsHasNoConnectionsSection() throws Exception {
        Report report = report(Fixtures.HOP_AND_FANOUT);
        assertThat(report.connections()).isNull();
        assertThat(report.verdict()).doesNotContain("Threading model");
    }

    @Test
    void oneRequestPerConnectionIsSaidToShowNeitherModel() throws Exception {
        Report report = report(Fixtures.ONE_REQUEST_PER_H2C_CONNECTION);
        ConnectionModels.Protocol http2 = protocol(report.connections(), "HTTP/2");

        assertThat(http2.requests()).isEqualTo(http2.connections()).isEqualTo(9);
        assertThat(http2.model()).isEqualTo(ConnectionModels.ONE_REQUEST_PER_CONNECTION);
        assertThat(protocol(report.connections(), "HTTP/1.1").model())
                .isEqualTo(ConnectionModels.THREAD_PER_CONNECTION);
        assertThat(report.verdict()).contains("HTTP/2: one request per connection, so this recording cannot tell");
    }

    private static ConnectionModels.Protocol protocol(ConnectionModels models, String name) {
        return models.byProtocol().stream().filter(p -> p.protocol().equals(name)).findFirst().orElseThrow();
    }
}
