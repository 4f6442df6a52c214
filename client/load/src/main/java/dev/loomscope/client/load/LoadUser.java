package dev.loomscope.client.load;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.TcpClientConnection;

/** One connection of the load: a virtual thread sending blocking GETs over its own keep-alive connection. */
final class LoadUser implements Runnable {

    private final Target target;
    private final Launch launch;
    private final CountDownLatch done;
    private Schedule schedule;
    private Tally tally;
    // Bodies are read and dropped: one small buffer per user, nothing allocated per request.
    private final byte[] sink = new byte[2048];
    private TcpClientConnection connection;

    LoadUser(Target target, Launch launch, CountDownLatch done) {
        this.target = target;
        this.launch = launch;
        this.done = done;
    }

    @Override
    public void run() {
        try {
            connect();
            Launch.Run run = launch.awaitStart();
            schedule = run.schedule();
            tally = run.tally();
            long due;
            while ((due = schedule.next()) != Schedule.STOP) {
                send(due);
            }
        } catch (InterruptedException e) {
            // stopped before the start
        } finally {
            if (connection != null) {
                connection.closeResource();
            }
            done.countDown();
        }
    }

    // Connects before the clock starts; a failure here is retried, and counted, by the first request.
    private void connect() {
        try {
            connection = target.open(this::closed);
        } catch (RuntimeException e) {
            connection = null;
        } finally {
            launch.connected();
        }
    }

    private void send(long due) {
        tally.sent();
        try {
            if (connection == null) {
                connection = target.open(this::closed);
            }
            int status;
            try (HttpClientResponse response = target.get(connection)) {
                status = response.status().code();
                drain(response);
            }
            tally.answered(due, System.nanoTime(), status);
        } catch (RuntimeException | IOException e) {
            long end = System.nanoTime();
            if (connection != null) {
                connection.closeResource();
                connection = null;
            }
            // A request cut short because the run ended is not the server's failure; the tally counts it unfinished.
            if (!schedule.stopped()) {
                tally.failed(due, end, ErrorKind.of(e));
            }
        }
    }

    private void drain(HttpClientResponse response) throws IOException {
        try (InputStream body = response.inputStream()) {
            while (body.read(sink) >= 0) {
                // dropped
            }
        }
    }

    // Helidon closes the connection after an error or a "Connection: close" answer; the next request reconnects.
    private void closed(TcpClientConnection closed) {
        if (connection == closed) {
            connection = null;
        }
    }
}
