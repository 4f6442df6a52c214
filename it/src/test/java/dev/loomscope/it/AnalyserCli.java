package dev.loomscope.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar jfr/analyser/target/loomscope-jfr.jar ...} as a user would, and keeps what it printed. */
final class AnalyserCli {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private AnalyserCli() {
    }

    /** Runs the analyser with {@code args}; its stdout and stderr also go to files {@code <label>.out/.err} in {@code directory}. */
    static Result run(Path directory, String label, String... args) throws IOException, InterruptedException {
        return run(directory, label, List.of(), args);
    }

    /** As {@link #run(Path, String, String...)} with {@code jvmOptions} before {@code -jar}. */
    static Result run(Path directory, String label, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Jars.java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", Jars.analyser().toString()));
        command.addAll(List.of(args));
        Path out = directory.resolve(label + ".out");
        Path err = directory.resolve(label + ".err");
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        try {
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("loomscope-jfr " + String.join(" ", args) + " ran longer than " + LIMIT);
            }
        } finally {
            process.destroyForcibly();
        }
        return new Result(String.join(" ", args), process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                          Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * How a run ended.
     *
     * @param args   the arguments, for messages
     * @param exit   exit code
     * @param stdout what it printed on stdout
     * @param stderr what it printed on stderr
     */
    record Result(String args, int exit, String stdout, String stderr) {

        List<String> stderrLines() {
            return stderr.lines().toList();
        }

        @Override
        public String toString() {
            return "loomscope-jfr " + args + " -> exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }
}
