package dev.loomscope.jfr.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Named pipes for the tests that prove the analyser refuses them instead of waiting for a writer. */
final class Fifo {

    /** Far longer than refusing takes; only a command that waits for a writer reaches it. */
    static final Duration HANG_LIMIT = Duration.ofSeconds(10);

    private Fifo() {
    }

    /** Makes a FIFO at {@code path} with mkfifo(1); skips the test where there is none (Windows). */
    static Path make(Path path) throws IOException, InterruptedException {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here: " + e.getMessage());
            throw e;
        }
        if (!mkfifo.waitFor(HANG_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            mkfifo.destroyForcibly();
            throw new IOException("mkfifo " + path + " did not finish");
        }
        if (mkfifo.exitValue() != 0 || !Files.exists(path)) {
            throw new IOException("mkfifo " + path + " exited " + mkfifo.exitValue());
        }
        return path;
    }
}
