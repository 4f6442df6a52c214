package dev.loomscope.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Consumer;

import dev.loomscope.client.load.LoadGenerator;
import dev.loomscope.client.load.LoadOptions;
import dev.loomscope.client.load.LoadResult;
import dev.loomscope.client.load.Progress;

/** Runs the load generator's library API with small, bounded loads and logs each result next to the test output. */
final class Loads {

    private Loads() {
    }

    /** Exactly {@code requests} requests over {@code connections} keep-alive connections, closed loop. */
    static LoadResult requests(Path log, URI uri, int connections, long requests) throws IOException {
        return run(log, LoadOptions.builder(uri).connections(connections).requests(requests).build(), progress -> { });
    }

    /** {@code connections} keep-alive connections in a closed loop for {@code duration}. */
    static LoadResult during(Path log, URI uri, int connections, Duration duration) throws IOException {
        return during(log, uri, connections, duration, progress -> { });
    }

    /** As {@link #during(Path, URI, int, Duration)}, telling {@code progress} about every second. */
    static LoadResult during(Path log, URI uri, int connections, Duration duration, Consumer<Progress> progress)
            throws IOException {
        return run(log, LoadOptions.builder(uri).connections(connections).duration(duration).build(), progress);
    }

    private static LoadResult run(Path log, LoadOptions options, Consumer<Progress> progress) throws IOException {
        LoadResult result = LoadGenerator.run(options, progress);
        Files.writeString(log, options + "\n  -> " + result + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return result;
    }
}
