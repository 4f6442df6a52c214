package dev.loomscope.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code client.protocol: h2c}: concurrent calls as streams of one TCP connection, each on its caller's thread. */
@Timeout(60)
class H2cUpstreamTest {

    static final int CALLS = 12;

    private static final Set<String> protocols = ConcurrentHashMap.newKeySet();
    private static final Set<String> connections = ConcurrentHashMap.newKeySet();
    private static final CountDownLatch allArrived = new CountDownLatch(CALLS);
    private static WebServer server;

    @BeforeAll
    static void startH2cServer() {
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.get("/", (req, res) -> {
                    protocols.add(req.prologue().protocolVersion());
                    connections.add(req.socketId());
                    allArrived.countDown();
                    // Every call waits for all the others: they can only all finish if they are in flight at once.
                    allArrived.await(20, TimeUnit.SECONDS);
                    res.send("ok");
                }))
                .build()
                .start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    private static UpstreamClient client(String protocol) {
        return UpstreamClient.create(Config.just(ConfigSources.create(Map.of("protocol", protocol,
                                                                             "read-timeout", "PT20S"))));
    }

    @Test
    void concurrentCallsShareOneConnectionAsStreamsEachOnItsCallersThread() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + "/");
        try (UpstreamClient client = client("h2c");
             ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> sameThread = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                sameThread.add(callers.submit(() -> {
                    long caller = Thread.currentThread().threadId();
                    UpstreamReply reply = client.get(uri, CallOrigin.NONE);
                    return reply.status() == 200 && reply.before().threadId() == caller
                            && reply.after().threadId() == caller;
                }));
            }
            for (Future<Boolean> call : sameThread) {
                assertThat(call.get()).as("answered 200 on the caller's thread").isTrue();
            }
            assertThat(client.protocol()).isEqualTo(UpstreamProtocol.H2C);
            assertThat(client.connectionsOpened()).as("TCP connections opened").isEqualTo(1);
        }
        assertThat(protocols).containsExactly("2.0");
        assertThat(connections).as("connections the server saw").hasSize(1);
    }

    @Test
    void anUnknownProtocolIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> client("h3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("client.protocol=h3: the upstream protocol is http/1.1 or h2c");
    }
}
