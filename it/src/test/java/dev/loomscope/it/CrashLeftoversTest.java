package dev.loomscope.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** What a SIGKILL leaves behind, and how the next server in the same place points to it. */
class CrashLeftoversTest {

    @RegisterExtension
    static final Processes PROCESSES = new Processes();

    private static final Pattern LEFTOVER = Pattern.compile(
            "a server \\(pid (\\d+)\\) ended without writing its recording; its (\\d+) chunks are in (\\S+);"
                    + " assemble them with: jfr assemble (\\S+) recovered\\.jfr");

    /**
     * Could fail if the chunks went to JFR's default repository under /tmp (nothing points there), if the next
     * start said nothing about them, or if anything deleted them.
     */
    @Test
    void aServerStartedWhereAKilledOneRecordedNamesTheChunksItLeftAndKeepsThem() throws Exception {
        Path directory = PROCESSES.directory("shared");
        ServerProcess killed = ServerProcess.start("killed", directory, ServerProcess.Options.defaults());
        try {
            killed.kill();
        } finally {
            killed.close();
        }

        try (ServerProcess next = ServerProcess.start("next", directory, ServerProcess.Options.defaults())) {
            Matcher line = next.awaitOutput(LEFTOVER, Duration.ofSeconds(5));
            Path chunks = Path.of(line.group(3));
            System.out.println(line.group());

            assertThat(Long.parseLong(line.group(1))).as("pid named").isEqualTo(killed.pid());
            assertThat(chunks).as("where the chunks are").startsWith(directory.resolve("recording.jfr.repository"))
                    .isDirectory();
            try (Stream<Path> files = Files.list(chunks)) {
                assertThat(files.filter(file -> file.toString().endsWith(".jfr")).count()).as("chunk files")
                        .isEqualTo(Long.parseLong(line.group(2))).isPositive();
            }
            assertThat(next.stop(ServerProcess.STOP_LIMIT)).as("exit code of the next server").isZero();
            assertThat(chunks).as("the killed server's chunks after the next server stopped").isDirectory();
        }
    }
}
