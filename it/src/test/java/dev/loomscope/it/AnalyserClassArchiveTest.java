package dev.loomscope.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The second JVM that reads large recordings ({@code report} and {@code check} from 100 MB on, here from 0 bytes)
 * writes a class-data-sharing archive at its first exit, which the launcher puts beside the jar, and maps its
 * classes from it afterwards, with the same output and nothing more on either stream.
 */
class AnalyserClassArchiveTest {

    private static final Path RECORDING = Path.of("../jfr/analyser/src/test/resources/recordings/server-hops-with-slices.jfr")
            .toAbsolutePath().normalize();
    private static final String RELAUNCH_ALWAYS = "-Dloomscope.jfr.c1FromBytes=0";

    /** Could fail if no archive were written, if the second run did not map it, or if either printed a JVM warning. */
    @Test
    void theRelaunchedJvmWritesAnArchiveBesideTheJarAndLoadsItsClassesFromItNextTime() throws Exception {
        Path directory = TestOutput.forClass(AnalyserClassArchiveTest.class);
        Path jarDirectory = Jars.analyser().getParent();
        archives(jarDirectory, "*.jsa").forEach(AnalyserClassArchiveTest::delete);

        AnalyserCli.Result first = AnalyserCli.run(directory, "first", List.of(RELAUNCH_ALWAYS), "report",
                                                   RECORDING.toString());
        List<Path> written = archives(jarDirectory, "*.jsa");
        List<Path> leftBeingWritten = archives(jarDirectory, "*.writing");
        String classLog = directory.resolve("classes-%p.log").toString();
        AnalyserCli.Result second = AnalyserCli.run(directory, "second",
                List.of(RELAUNCH_ALWAYS, "-Xlog:class+load=info:file=" + classLog), "report", RECORDING.toString());

        assertThat(first.exit()).as("%s", first).isZero();
        assertThat(written).as("archives beside %s", Jars.analyser()).hasSize(1);
        assertThat(leftBeingWritten).as("the first run's archive, once published").isEmpty();
        assertThat(second.exit()).as("%s", second).isZero();
        assertThat(second.stdout()).contains("carrier").isEqualTo(first.stdout());
        assertThat(first.stderr()).as("first run's stderr").isEmpty();
        assertThat(second.stderr()).as("second run's stderr").isEmpty();
        assertThat(classLogs(directory)).as("the relaunched JVM's class loading")
                .anyMatch(line -> line.contains("dev.loomscope.jfr.cli.LoomscopeJfr source: shared objects file (top)"));
    }

    private static List<Path> archives(Path directory, String suffix) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "loomscope-jfr-" + suffix)) {
            entries.forEach(found::add);
        }
        return found;
    }

    private static List<String> classLogs(Path directory) throws IOException {
        List<String> lines = new ArrayList<>();
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(directory, "classes-*.log")) {
            for (Path log : logs) {
                lines.addAll(Files.readAllLines(log));
            }
        }
        return lines;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
