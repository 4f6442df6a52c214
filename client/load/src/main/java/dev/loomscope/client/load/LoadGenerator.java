package dev.loomscope.client.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a load: {@link LoadOptions#users()} virtual threads named {@code loomscope-load-<n>}; on HTTP/1.1 one per
 * connection, on h2c {@link LoadOptions#streams()} per connection sending their requests as its streams. Each sends
 * blocking GETs until the duration is over or the requests are done.
 */
public final class LoadGenerator {

    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    // Requests still in flight when the time is up get this long to finish before their threads are interrupted.
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);
    private static final Duration JOIN_LIMIT = Duration.ofSeconds(5);
    private static final Duration CONNECT_MARGIN = Duration.ofSeconds(1);

    private LoadGenerator() {
    }

    /** Runs the load and blocks until it is over; a target that fails shows as errors, never as an exception. */
    public static LoadResult run(LoadOptions options) {
        return run(options, progress -> { });
    }

    /**
     * Runs the load, telling {@code progress} about every second on the calling thread.
     *
     * <p>If the calling thread is interrupted the load stops early and the result covers what was measured.
     */
    public static LoadResult run(LoadOptions options, Consumer<Progress> progress) {
        Launch launch = new Launch(options.users());
        CountDownLatch done = new CountDownLatch(options.users());
        List<Thread> users = new ArrayList<>(options.users());
        Schedule schedule;
        Tally tally;
        boolean stoppedEarly;
        Target target = new Target(options.uri(), options.timeout());
        try (H2cTarget h2c = options.h2c() ? new H2cTarget(options.uri(), options.timeout(), options.connections())
                : null) {
            // The users are virtual threads by design: the generator is itself a virtual-thread client.
            Thread.Builder builder = Thread.ofVirtual().name("loomscope-load-", 1);
            for (int i = 0; i < options.connections(); i++) {
                for (int s = 0; s < options.streams(); s++) {
                    users.add(builder.start(h2c == null ? new LoadUser(target, launch, done)
                                                    : new H2cLoadUser(h2c.connection(i), launch, done)));
                }
            }
            boolean interrupted = awaitConnected(launch, options);
            long start = System.nanoTime();
            schedule = Schedule.of(options, start);
            tally = new Tally(schedule.measureStart, schedule.end, schedule.ends);
            launch.start(new Launch.Run(schedule, tally));
            if (!interrupted) {
                interrupted = report(schedule, tally, done, start, progress);
            }
            stop(schedule, done, users, target, interrupted);
            stoppedEarly = interrupted;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        // A timed run measures its whole window, also when an open loop has sent its last request early.
        long measuredEnd = !schedule.ends ? tally.lastEnd()
                : stoppedEarly ? Math.min(System.nanoTime(), schedule.end) : schedule.end;
        Duration elapsed = Duration.ofNanos(Math.max(0, measuredEnd - schedule.measureStart));
        long missed = schedule.missed(schedule.ends ? measuredEnd : System.nanoTime());
        // Read after the connections have stopped: what is still in flight had no outcome by the end of the run.
        return new LoadResult(options, tally.answeredCount(), elapsed, tally.statusCounts(), tally.errorCounts(),
                              tally.inFlight(), missed, tally.measuredHistogram());
    }

    // Every connect ends within the timeout (refused ones at once); true if the caller was interrupted meanwhile.
    private static boolean awaitConnected(Launch launch, LoadOptions options) {
        try {
            launch.awaitConnected(options.timeout().plus(CONNECT_MARGIN).toNanos());
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    // Reports each second until the connections are done or the time is up; true if the caller was interrupted.
    private static boolean report(Schedule schedule, Tally tally, CountDownLatch done, long start,
                                  Consumer<Progress> progress) {
        long previous = start;
        long tick = start + TICK_NANOS;
        try {
            while (true) {
                long until = schedule.ends ? Math.min(tick, schedule.end) : tick;
                if (done.await(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return false;
                }
                long now = System.nanoTime();
                if (now - tick >= 0) {
                    Tally.Interval interval = tally.takeInterval();
                    double seconds = (now - previous) / 1e9;
                    progress.accept(new Progress(Math.round((now - start) / 1e9),
                                                 previous - schedule.measureStart < 0,
                                                 interval.answers() / seconds,
                                                 interval.p50Micros(),
                                                 interval.p99Micros(),
                                                 interval.errors(),
                                                 interval.inFlight(),
                                                 schedule.missed(now)));
                    previous = now;
                    tick += TICK_NANOS;
                }
                if (schedule.ends && now - schedule.end >= 0) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            return true;
        }
    }

    private static void stop(Schedule schedule, CountDownLatch done, List<Thread> users, Target target,
                             boolean interrupted) {
        schedule.stop();
        try {
            if (!interrupted && done.await(STOP_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
            // A hung server cannot hold us: closing the connections ends their reads, whatever the kind of thread
            // (an interrupt does that for a virtual thread only), and the interrupt ends a wait to start.
            target.close();
            users.forEach(Thread::interrupt);
            done.await(JOIN_LIMIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            target.close();
            users.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
        } finally {
            target.close();
        }
    }
}
