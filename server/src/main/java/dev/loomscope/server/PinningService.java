package dev.loomscope.server;

import java.util.concurrent.locks.ReentrantLock;

import dev.loomscope.carrier.ClassInitPin;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /pinning?mode=}: blocking where a virtual thread may be pinned to its carrier, and where it is not. */
final class PinningService implements HttpService {

    static final QueryParams.Range MILLIS = new QueryParams.Range("millis", 1, 5_000, 50);

    private final Object monitor = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final ClassInitPin classInit = new ClassInitPin();

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::pin);
    }

    private void pin(ServerRequest req, ServerResponse res) throws InterruptedException {
        PinningMode mode = PinningMode.from(req.query().first("mode").orElse(null));
        int millis = QueryParams.get(req, MILLIS);
        Checkpoint before = Checkpoint.at("before-block");
        switch (mode) {
            case SYNCHRONIZED -> {
                synchronized (monitor) {
                    Thread.sleep(millis);
                }
            }
            case CLASS_INIT -> classInit.pinFor(millis);
            case LOCK -> {
                lock.lock();
                try {
                    Thread.sleep(millis);
                } finally {
                    lock.unlock();
                }
            }
        }
        Checkpoint after = Checkpoint.at("after-block");
        Runtime.Version jdk = Runtime.version();
        res.send(new PinningReport(mode.word(), millis, jdk.toString(), mode.pinsOn(jdk.feature()), mode.rule(),
                                   before, after));
    }

    /**
     * The answer of {@code GET /pinning}.
     *
     * @param mode           the demonstration that ran
     * @param millis         how long it blocked
     * @param jdk            the running JDK
     * @param expectedPinned whether this JDK pins the virtual thread in this mode
     * @param rule           the JDK rule that decides it
     * @param before         thread and carrier before blocking
     * @param after          thread and carrier after blocking
     */
    record PinningReport(String mode, int millis, String jdk, boolean expectedPinned, String rule,
                         Checkpoint before, Checkpoint after) {
    }
}
