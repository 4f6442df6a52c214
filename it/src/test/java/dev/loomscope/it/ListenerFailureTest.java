package dev.loomscope.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that runs out of file descriptors. Helidon's accept loop dies on EMFILE and closes the public port for
 * good; the server must then stop with a non-zero exit code, so that a supervisor restarts it, instead of running
 * on with health UP.
 */
class ListenerFailureTest {

    @RegisterExtension
    static final Processes PROCESSES = new Processes();

    static final int FILE_LIMIT = 256;
    static final int CONNECTIONS = 400;
    static final Duration EXIT_LIMIT = Duration.ofSeconds(20);

    /** Could fail if the server ran on with a dead listener, exited 0, or gave no reason. */
    @Test
    void runningOutOfDescriptorsKillsTheListenerAndTheServerExitsWith1() throws Exception {
        ServerProcess server = PROCESSES.start("emfile", ServerProcess.Options.defaults().withoutRecording()
                .fileLimit(FILE_LIMIT)
                // No cap: the point is what happens when the descriptors run out first.
                .property("server.max-tcp-connections", -1));
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS && server.alive(); i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
                    held.add(socket);
                } catch (IOException e) {
                    socket.close();
                    break; // refused: the listener is gone
                }
            }
            assertThat(server.awaitExit(EXIT_LIMIT)).as("%s exited within %s of %d connections", server, EXIT_LIMIT,
                                                        held.size()).isTrue();
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        System.out.println(server.stdout().lines().filter(line -> line.contains("SEVERE")).toList());
        assertThat(server.exitCode()).as("exit code").isEqualTo(1);
        assertThat(server.stdout()).contains("socket @default (port " + server.port()
                                                     + ") stopped accepting connections");
    }

    /**
     * Could fail if max-tcp-connections were not applied: the same flood would exhaust the descriptors and end the
     * server as above.
     */
    @Test
    void aConnectionCapBelowTheDescriptorLimitKeepsTheListenerAliveUnderTheSameFlood() throws Exception {
        ServerProcess server = PROCESSES.start("capped", ServerProcess.Options.defaults().withoutRecording()
                .fileLimit(FILE_LIMIT)
                .property("server.max-tcp-connections", 64));
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket socket = new Socket();
                // Past the cap, connections wait in the accept backlog: the connect itself succeeds.
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
                held.add(socket);
            }
            assertThat(server.alive()).as("server alive with %d connections open", held.size()).isTrue();
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        Await.until(Duration.ofSeconds(10), "a 200 once the flood is gone", () -> {
            try {
                return RawHttp.get("127.0.0.1", server.port(), "/upstream", Duration.ofSeconds(2)).status() == 200;
            } catch (IOException e) {
                return false;
            }
        });
        assertThat(server.alive()).as("server alive after the flood").isTrue();
        assertThat(server.healthy()).as("health").isTrue();
    }
}
