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
 * maps its classes from the class-data-sharing archive the build wrote beside the jar, says what one JVM says, and
 * adds nothing to either stream.
 */
class AnalyserClassArchiveTest {

    private static final Path RECORDING = Path.of("../jfr/analyser/src/test/resources/recordings/server-hops-with-slices.jfr")
            .toAbsolutePath().normalize();

    /** Could fail if the build wrote no archive, if the second JVM did not map it, or if either run printed a word more. */
    @Test
    void theRelaunchedJvmLoadsItsClassesFromTheArchiveTheBuildWroteBesideTheJar() throws Exception {
        Path directory = TestOutput.forClass(AnalyserClassArchiveTest.class);
        String classLog = directory.resolve("classes-%p.log").toString();

        AnalyserCli.Result relaunched = AnalyserCli.run(directory, "relaunched",
                List.of("-Dloomscope.jfr.c1FromBytes=0", "-Xlog:class+load=info:file=" + classLog), "report",
                RECORDING.toString());
        AnalyserCli.Result oneJvm = AnalyserCli.run(directory, "one-jvm", List.of("-Dloomscope.jfr.c1=false"),
                "report", RECORDING.toString());

        assertThat(files(Jars.analyser().getParent(), "loomscope-jfr-*.jsa")).as("archives beside %s", Jars.analyser())
                .hasSize(1);
        assertThat(relaunched.exit()).as("%s", relaunched).isZero();
        assertThat(relaunched.stdout()).contains("carrier").isEqualTo(oneJvm.stdout());
        assertThat(relaunched.stderr()).as("relaunched run's stderr").isEmpty();
        assertThat(classLogs(directory)).as("the relaunched JVM's class loading")
                .anyMatch(line -> line.contains("dev.loomscope.jfr.cli.LoomscopeJfr source: shared objects file (top)"));
    }

    private static List<Path> files(Path directory, String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, glob)) {
            entries.forEach(found::add);
        }
        return found;
    }

    private static List<String> classLogs(Path directory) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path log : files(directory, "classes-*.log")) {
            lines.addAll(Files.readAllLines(log));
        }
        return lines;
    }
}
