package dev.loomscope.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that cannot run as configured says so in one line on stderr, naming the key and the value, and exits
 * before its banner: 2 for a mistake in the configuration, 1 for the machine (a port someone else holds).
 */
class StartupRefusalTest {

    @RegisterExtension
    static final Processes PROCESSES = new Processes();

    static final Duration EXIT_LIMIT = Duration.ofSeconds(15);

    /** Could fail if a value were accepted (a running server), or refused with a stack trace or another exit code. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "server.max-concurrent-requests | -5    | a limit is -1 (unlimited) or at least 1",
            "server.max-tcp-connections     | 0     | a limit is -1 (unlimited) or at least 1",
            "app.warm-up.enabled            | maybe | write true or false",
            "app.recording.enabled          | ture  | write true or false",
            "server.shutdown-grace-period   | 5s    | not an ISO-8601 duration; write e.g. PT5S, PT0.5S or PT2M",
            "client.read-timeout            | PT5   | not an ISO-8601 duration; write e.g. PT5S, PT0.5S or PT2M",
            "server.port                    | 8o80  | a port is 0 (any free port) to 65535",
            "server.sockets.0.port          | 70000 | a port is 0 (any free port) to 65535",
            "client.protocol                | h3    | the upstream protocol is http/1.1 or h2c",
            "server.protocols.http_2.max-frame-size | 1024 | from 16384 to 16777215",
            "server.protocols.http_2.max-concurrent-streams | 0 | from 1 to 2147483647",
    })
    void aValueOutOfRangeOrUnreadableIsRefusedInOneLineWithExitCode2(String key, String value, String allowed)
            throws Exception {
        ServerProcess server = PROCESSES.launch(key, ServerProcess.Options.defaults().withoutRecording()
                .property(key, value));

        assertRefused(server, 2, "loomscope-server: " + key + "=" + value + ": " + allowed);
    }

    /** Could fail if the server went on without its port (a banner with port -1), printed a stack trace, or exited 0. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"server.port", "server.sockets.0.port"})
    void aPortAlreadyInUseIsRefusedInOneLineWithExitCode1(String key) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            int port = taken.getLocalPort();
            ServerProcess server = PROCESSES.launch(key, ServerProcess.Options.defaults().withoutRecording()
                    .property(key, port));

            assertRefused(server, 1, "loomscope-server: port " + port + " is already in use (" + key + ")");
        }
    }

    /** Could fail if the server started without its recording, or refused it with a stack trace. */
    @Test
    void aRecordingFileThatCannotBeWrittenIsRefusedAtStartWithExitCode2() throws Exception {
        Path directory = PROCESSES.directory("unwritable-recording");
        Path notADirectory = Files.writeString(directory.resolve("a-file"), "not a directory\n");
        Path file = notADirectory.resolve("recording.jfr");
        ServerProcess server = PROCESSES.launch("unwritable-recording-server", ServerProcess.Options.defaults()
                .property("app.recording.file", file));

        assertRefused(server, 2, "loomscope-server: app.recording.file=" + file
                + ": cannot write there (" + notADirectory + " is not a directory)");
    }

    private static void assertRefused(ServerProcess server, int exitCode, String line)
            throws InterruptedException, IOException {
        assertThat(server.awaitExit(EXIT_LIMIT)).as("exited within " + EXIT_LIMIT).isTrue();
        assertThat(server.exitCode()).as("exit code").isEqualTo(exitCode);
        assertThat(server.stderr()).as("stderr").isEqualTo(line + "\n");
        assertThat(server.stdout()).as("stdout").doesNotContain("loomscope is up");
    }
}
