package dev.loomscope.client.load;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/** One connection of the load: a virtual thread sending blocking GETs over its own keep-alive connection. */
final class LoadUser implements Runnable {

    private final Target target;
    private final Launch launch;
    private final CountDownLatch done;
    private Schedule schedule;
    private Tally tally;
    private KeepAliveConnection connection;

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
                connection.close();
            }
            done.countDown();
        }
    }

    // Connects before the clock starts; a failure here is retried, and counted, by the first request.
    private void connect() {
        try {
            connection = target.open();
        } catch (IOException | RuntimeException e) {
            connection = null;
        } finally {
            launch.connected();
        }
    }

    private void send(long due) {
        tally.sent();
        try {
            if (connection == null) {
                connection = target.open();
            }
            int status = connection.exchange(target.request());
            long end = System.nanoTime();
            if (!connection.reusable()) {
                // "Connection: close", or a body that ended with the connection: the next request reconnects.
                connection.close();
                connection = null;
            }
            tally.answered(due, end, status);
        } catch (RuntimeException | IOException e) {
            long end = System.nanoTime();
            if (connection != null) {
                connection.close();
                connection = null;
            }
            // A request cut short because the run ended is not the server's failure; the tally counts it unfinished.
            if (!schedule.stopped()) {
                tally.failed(due, end, ErrorKind.of(e));
            }
        }
    }
}
