package dev.loomscope.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts server processes for a test class and stops every one of them, whether the test passed, failed or threw:
 * those started inside a test after it, those started in {@code @BeforeAll} after the class.
 *
 * <p>Register as {@code @RegisterExtension static final Processes PROCESSES = new Processes();}. Output goes to
 * {@code it/target/it-output/<TestClass>/<name>/} and is kept.
 */
final class Processes implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    // If surefire itself is killed (a timeout, Ctrl+C) no callback runs; the hook still kills the children.
    private static final Set<ServerProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ServerProcess::killNow), "it-kill-children"));
    }

    private final Deque<ServerProcess> classScoped = new ArrayDeque<>();
    private final Deque<ServerProcess> testScoped = new ArrayDeque<>();
    private final Set<String> names = new HashSet<>();
    private Path classDirectory;
    private boolean inTest;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        classDirectory = Jars.output().resolve(context.getRequiredTestClass().getSimpleName());
        TestOutput.clean(classDirectory);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        inTest = true;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        inTest = false;
        stopAll(testScoped);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopAll(classScoped);
    }

    /** Starts a server named {@code name} (its output directory); a second start of one name gets "name-2". */
    synchronized ServerProcess start(String name, ServerProcess.Options options) throws IOException, InterruptedException {
        return track(ServerProcess.start(name, directory(name), options));
    }

    /** Starts a server without waiting for its banner (see {@link ServerProcess#launch}); stopped like the others. */
    synchronized ServerProcess launch(String name, ServerProcess.Options options) throws IOException {
        return track(ServerProcess.launch(name, directory(name), options));
    }

    private ServerProcess track(ServerProcess server) {
        LIVE.add(server);
        (inTest ? testScoped : classScoped).push(server);
        return server;
    }

    /** A fresh directory under this class's output for {@code name}. */
    synchronized Path directory(String name) throws IOException {
        String unique = name;
        for (int i = 2; !names.add(unique); i++) {
            unique = name + "-" + i;
        }
        Path directory = classDirectory.resolve(unique);
        Files.createDirectories(directory);
        return directory;
    }

    private static void stopAll(Deque<ServerProcess> servers) {
        // Callers first, their upstreams last: the reverse of the start order.
        while (!servers.isEmpty()) {
            ServerProcess server = servers.pop();
            try {
                server.close();
            } finally {
                LIVE.remove(server);
            }
        }
    }
}
