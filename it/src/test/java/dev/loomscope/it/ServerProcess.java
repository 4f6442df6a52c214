package dev.loomscope.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One {@code java -jar loomscope-server.jar} child process on free ports, its output kept in files.
 *
 * <p>Start with {@link Processes#start}, which stops it when the test is over whatever happened.
 */
final class ServerProcess implements AutoCloseable {

    static final Duration START_LIMIT = Duration.ofSeconds(40);
    // The server's shutdown-grace-period is PT5S; writing the recording takes a second or two more.
    static final Duration STOP_LIMIT = Duration.ofSeconds(20);

    private static final Pattern PUBLIC_PORT = Pattern.compile("loomscope is up on http://localhost:(\\d+)");
    private static final Pattern ADMIN_PORT = Pattern.compile("curl -s http://127\\.0\\.0\\.1:(\\d+)/observe/health");

    private final String name;
    private final Path directory;
    private final Optional<Path> recording;
    private final Process process;
    private final Output stdout;
    private final int port;
    private final int adminPort;

    private ServerProcess(String name, Path directory, Optional<Path> recording, Process process, Output stdout,
                          int port, int adminPort) {
        this.name = name;
        this.directory = directory;
        this.recording = recording;
        this.process = process;
        this.stdout = stdout;
        this.port = port;
        this.adminPort = adminPort;
    }

    /** Starts the server in {@code directory} and returns once its banner names its ports and it reports healthy. */
    static ServerProcess start(String name, Path directory, Options options) throws IOException, InterruptedException {
        ServerProcess launched = launch(name, directory, options);
        try {
            int port = Integer.parseInt(launched.stdout.await(PUBLIC_PORT, START_LIMIT).group(1));
            int adminPort = Integer.parseInt(launched.stdout.await(ADMIN_PORT, START_LIMIT).group(1));
            ServerProcess server = new ServerProcess(name, directory, launched.recording, launched.process,
                                                     launched.stdout, port, adminPort);
            server.awaitHealthy(START_LIMIT);
            return server;
        } catch (InterruptedException | RuntimeException | AssertionError e) {
            launched.process.destroyForcibly();
            throw e;
        }
    }

    /**
     * Starts the server in {@code directory} and returns at once, before it listens: for what happens while it
     * starts. Its ports are unknown (0).
     */
    static ServerProcess launch(String name, Path directory, Options options) throws IOException {
        Files.createDirectories(directory);
        Optional<Path> recording = options.recording ? Optional.of(directory.resolve("recording.jfr")) : Optional.empty();
        Files.deleteIfExists(directory.resolve("recording.jfr"));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", Integer.toString(options.port));
        properties.put("server.sockets.0.port", "0");
        properties.put("app.recording.enabled", Boolean.toString(options.recording));
        recording.ifPresent(file -> properties.put("app.recording.file", file.toString()));
        properties.putAll(options.properties);

        List<String> command = new ArrayList<>();
        if (options.fileLimit > 0) {
            // The limit applies to the JVM that bash execs, and only to it.
            command.addAll(List.of("bash", "-c", "ulimit -n " + options.fileLimit + " && exec \"$0\" \"$@\""));
        }
        command.add(Jars.java());
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(Jars.server().toString());
        Files.writeString(directory.resolve("command.txt"), String.join(" ", command) + "\n");

        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectError(ProcessBuilder.Redirect.to(directory.resolve("stderr.log").toFile()))
                .start();
        Output stdout = new Output(process, directory.resolve("stdout.log"), name);
        return new ServerProcess(name, directory, recording, process, stdout, 0, 0);
    }

    String name() {
        return name;
    }

    Path directory() {
        return directory;
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    int adminPort() {
        return adminPort;
    }

    /** {@code http://127.0.0.1:port} plus {@code pathAndQuery}. */
    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** The URI another server uses to call this one's {@code /upstream}. */
    String upstreamUri() {
        return "http://127.0.0.1:" + port + "/upstream";
    }

    /** The JFR recording file; it is complete once the process has stopped. */
    Path recording() {
        return recording.orElseThrow(() -> new IllegalStateException(name + " runs without a recording"));
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Everything the server printed on stdout so far. */
    String stdout() {
        return stdout.text();
    }

    /** Everything the server wrote on stderr so far. */
    String stderr() {
        try {
            return Files.readString(directory.resolve("stderr.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a line of stdout that matches {@code pattern}; fails when the limit passes or the process ends. */
    Matcher awaitOutput(Pattern pattern, Duration limit) throws InterruptedException {
        return stdout.await(pattern, limit);
    }

    /** Polls {@code /observe/health} on the admin socket until it answers 2xx. */
    void awaitHealthy(Duration limit) throws InterruptedException {
        Await.until(limit, "health of " + name + " on port " + adminPort, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before it was healthy; see "
                                                 + directory);
            }
            return healthy();
        });
    }

    /** Fails unless the process is alive, healthy and still answers {@code /upstream}: what a fault test must leave. */
    void assertStillServing(Duration wait) throws IOException {
        assertThat(alive()).as("server process alive").isTrue();
        assertThat(healthy()).as("health").isTrue();
        assertThat(RawHttp.get("127.0.0.1", port(), "/upstream", wait).status()).isEqualTo(200);
    }

    /** Whether {@code /observe/health} answers 2xx right now. */
    boolean healthy() {
        try {
            int status = RawHttp.get("127.0.0.1", adminPort, "/observe/health", Duration.ofSeconds(2)).status();
            return status >= 200 && status < 300;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Sends SIGTERM and waits for the exit; a process still running after {@code limit} is killed and the stop
     * fails.
     *
     * @return the exit code
     */
    int stop(Duration limit) throws InterruptedException {
        if (!process.isAlive()) {
            stdout.finish();
            return process.exitValue();
        }
        terminate();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            stdout.finish();
            throw new AssertionError(name + " did not exit within " + limit + " of SIGTERM; killed it. See " + directory);
        }
        stdout.finish();
        return process.exitValue();
    }

    /**
     * Sends SIGTERM and returns at once; {@link #awaitExit} waits for the end.
     *
     * <p>Through the {@link ProcessHandle}: {@link Process#destroy()} sends the same signal but also closes our end
     * of the child's stdout, and the server's last words (stopping, recording written) would be lost.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    int exitCode() {
        return process.exitValue();
    }

    /** Kills the process (SIGKILL), as a crash would, and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL for 10 s");
        }
        stdout.finish();
    }

    /** Waits for the process to end; false if it still runs after {@code limit}. */
    boolean awaitExit(Duration limit) throws InterruptedException {
        boolean exited = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (exited) {
            stdout.finish();
        }
        return exited;
    }

    /** Stops the process whatever state the test left it in: SIGTERM, then SIGKILL after {@link #STOP_LIMIT}. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                stop(STOP_LIMIT);
            } else {
                stdout.finish();
            }
        } catch (AssertionError e) {
            // Already killed by stop(); the test that owns this process reports its own failure.
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Last resort from a JVM shutdown hook: no waiting. */
    void killNow() {
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return name + "[pid " + process.pid() + ", port " + port + ", admin " + adminPort + ", " + directory + "]";
    }

    /** What to start: recording on or off, a fixed public port, extra {@code -D} properties and JVM options. */
    static final class Options {

        private boolean recording = true;
        private int port;
        private int fileLimit;
        private final Map<String, String> properties = new LinkedHashMap<>();

        static Options defaults() {
            return new Options();
        }

        Options withoutRecording() {
            recording = false;
            return this;
        }

        /** A fixed public port, to restart an upstream where its callers expect it. */
        Options port(int port) {
            this.port = port;
            return this;
        }

        /** Starts the server under {@code ulimit -n limit}: for running out of file descriptors. */
        Options fileLimit(int limit) {
            this.fileLimit = limit;
            return this;
        }

        Options property(String key, Object value) {
            properties.put(key, String.valueOf(value));
            return this;
        }

        Options upstream(ServerProcess upstream) {
            return property("app.upstream.uri", upstream.upstreamUri());
        }

        Options upstream(String uri) {
            return property("app.upstream.uri", uri);
        }
    }

    /** Copies stdout to a file line by line and lets the test wait for a line. */
    private static final class Output {

        private final Process process;
        private final StringBuilder text = new StringBuilder();
        private final Thread copier;

        Output(Process process, Path file, String name) throws IOException {
            this.process = process;
            Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            this.copier = Thread.ofPlatform().daemon().name("it-stdout-" + name).start(() -> copy(writer));
        }

        private void copy(Writer writer) {
            try (writer;
                 BufferedReader reader = new BufferedReader(
                         new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    writer.write(line);
                    writer.write('\n');
                    writer.flush();
                    synchronized (this) {
                        text.append(line).append('\n');
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                synchronized (this) {
                    notifyAll();
                }
            }
        }

        synchronized String text() {
            return text.toString();
        }

        synchronized Matcher await(Pattern pattern, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (true) {
                Matcher matcher = pattern.matcher(text);
                if (matcher.find()) {
                    return matcher;
                }
                if (!copier.isAlive()) {
                    throw new AssertionError("stdout ended without a line matching /" + pattern + "/; it was:\n" + text);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no line matching /" + pattern + "/ on stdout within " + limit
                                                     + "; it was:\n" + text);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        /** Waits for the copier to reach the end of the stream, so the log file is complete. */
        void finish() throws InterruptedException {
            copier.join(5_000);
        }
    }
}
