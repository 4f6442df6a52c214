package dev.loomscope.client.load;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

import io.helidon.webclient.http2.Http2ClientResponse;

/** One stream at a time of a shared h2c connection: a virtual thread sending blocking GETs as HTTP/2 streams. */
final class H2cLoadUser implements Runnable {

    private final H2cTarget.Connection connection;
    private final Launch launch;
    private final CountDownLatch done;
    private final byte[] sink = new byte[2048];
    private Schedule schedule;
    private Tally tally;

    H2cLoadUser(H2cTarget.Connection connection, Launch launch, CountDownLatch done) {
        this.connection = connection;
        this.launch = launch;
        this.done = done;
    }

    @Override
    public void run() {
        try {
            // The connection opens with its first stream, inside the run: a warm-up keeps it out of the figures.
            launch.connected();
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
            done.countDown();
        }
    }

    private void send(long due) {
        tally.sent();
        try (Http2ClientResponse response = connection.get()) {
            int status = response.status().code();
            try (InputStream body = response.inputStream()) {
                while (body.read(sink) >= 0) {
                    // dropped
                }
            }
            tally.answered(due, System.nanoTime(), status);
        } catch (RuntimeException | IOException e) {
            if (!schedule.stopped()) {
                tally.failed(due, System.nanoTime(), ErrorKind.of(e));
            }
        }
    }
}
