package dev.loomscope.client;

import java.time.Duration;

import io.helidon.common.config.Config;

/**
 * How many connections each upstream gets and how long they live: a bound on open connections, how long a call waits
 * for one, and how long one may sit idle.
 *
 * @param maxConnections    connections open to one upstream at most, in use or idle; calls beyond it wait
 * @param waitTimeout       how long a call waits for a connection when all are in use; past it, 503
 * @param idleTimeout       an idle connection older than this is closed instead of reused
 */
public record PoolLimits(int maxConnections, Duration waitTimeout, Duration idleTimeout) {

    /** 2048 connections (as many as are kept idle), 5 s of waiting, 60 s idle. */
    public static final PoolLimits DEFAULT = new PoolLimits(2048, Duration.ofSeconds(5), Duration.ofSeconds(60));

    public PoolLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("client.max-connections-per-upstream must be 1 or more, got "
                                                       + maxConnections);
        }
        if (waitTimeout.isNegative() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("client.connection-wait-timeout and client.idle-connection-timeout"
                                                       + " must not be negative");
        }
    }

    /** Reads {@code max-connections-per-upstream}, {@code connection-wait-timeout}, {@code idle-connection-timeout}. */
    public static PoolLimits from(Config client) {
        return new PoolLimits(
                client.get("max-connections-per-upstream").asInt().orElse(DEFAULT.maxConnections()),
                client.get("connection-wait-timeout").asString().map(Duration::parse).orElse(DEFAULT.waitTimeout()),
                client.get("idle-connection-timeout").asString().map(Duration::parse).orElse(DEFAULT.idleTimeout()));
    }
}
