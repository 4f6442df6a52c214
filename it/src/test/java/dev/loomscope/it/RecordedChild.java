package dev.loomscope.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class from this module's test classes as a child JVM with the recorder agent and a recording with
 * loomscope.jfc, waits for it to finish (bounded), and keeps its stderr and recording in the test's directory.
 */
final class RecordedChild {

    private static final Path TEMPLATE = Path.of("..", "jfr", "events", "src", "main", "resources", "loomscope.jfc")
            .toAbsolutePath().normalize();

    final Path recording;
    final String stderr;
    final int exitCode;

    private RecordedChild(Path recording, String stderr, int exitCode) {
        this.recording = recording;
        this.stderr = stderr;
        this.exitCode = exitCode;
    }

    static RecordedChild run(Path directory, Class<?> main, String... jvmOptions) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path recording = directory.resolve("recording.jfr");
        Path err = directory.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(Jars.java(), "-javaagent:" + Jars.agent(),
                "-XX:StartFlightRecording:filename=" + recording + ",settings=" + TEMPLATE));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        Process process = new ProcessBuilder(command).redirectError(err.toFile())
                .redirectOutput(directory.resolve("stdout.txt").toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError(main.getSimpleName() + " did not finish within 60 s");
            }
            return new RecordedChild(recording, Files.readString(err), process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }
}
