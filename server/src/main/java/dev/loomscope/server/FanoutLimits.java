package dev.loomscope.server;

import java.time.Duration;

import io.helidon.config.Config;

/**
 * The {@code app.fanout} section: how many upstream calls all fan-outs together may have in flight, and how long one
 * fan-out may take.
 *
 * <p>Each call in flight holds a socket (two when the upstream is this server): without a cap a dozen large fan-outs
 * run the process out of file descriptors.
 *
 * @param maxCallsInFlight calls all fan-outs may have in flight at once; a fan-out that would exceed it gets 503
 * @param timeout          deadline of one fan-out, from its first call to its last answer; past it, 504
 */
record FanoutLimits(int maxCallsInFlight, Duration timeout) {

    /** 2000 calls (two fan-outs of the largest size), 15 s. */
    static final FanoutLimits DEFAULT = new FanoutLimits(2000, Duration.ofSeconds(15));

    FanoutLimits {
        if (maxCallsInFlight < 1) {
            throw new IllegalArgumentException("app.fanout.max-calls-in-flight must be 1 or more, got "
                                                       + maxCallsInFlight);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("app.fanout.timeout must be positive, got " + timeout);
        }
    }

    /** Reads {@code max-calls-in-flight} and {@code timeout} (ISO-8601, e.g. PT15S) of {@code app.fanout}. */
    static FanoutLimits from(Config fanout) {
        return new FanoutLimits(fanout.get("max-calls-in-flight").asInt().orElse(DEFAULT.maxCallsInFlight()),
                                fanout.get("timeout").asString().map(Duration::parse).orElse(DEFAULT.timeout()));
    }
}
