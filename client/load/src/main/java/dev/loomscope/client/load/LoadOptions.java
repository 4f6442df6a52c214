package dev.loomscope.client.load;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a load run does: the target, how many connections, for how long or how many requests, and at what rate.
 *
 * <p>Build with {@link #builder(URI)}; {@link Builder#duration(Duration)} and {@link Builder#requests(long)} choose
 * how the run ends, and the last one called wins.
 */
public final class LoadOptions {

    /** Run length when neither a duration nor a request count is given. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    /** Per-read and connect timeout when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Connections when none are given. */
    public static final int DEFAULT_CONNECTIONS = 16;
    private static final int MAX_PORT = 65_535;

    private final URI uri;
    private final int connections;
    private final Duration duration;
    private final long requests;
    private final double rate;
    private final Duration warmup;
    private final Duration timeout;

    private LoadOptions(Builder builder) {
        this.uri = builder.uri;
        this.connections = builder.connections;
        this.duration = builder.duration;
        this.requests = builder.requests;
        this.rate = builder.rate;
        this.warmup = builder.warmup;
        this.timeout = builder.timeout;
    }

    /** Options for loading {@code uri}, an {@code http://} URI with a host; the other settings start at defaults. */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /** The URI every request GETs. */
    public URI uri() {
        return uri;
    }

    /** Number of connections, each one virtual thread with its own keep-alive connection. */
    public int connections() {
        return connections;
    }

    /** How long the measured part of the run lasts, unless it is bounded by a request count. */
    public Duration duration() {
        return duration;
    }

    /** Number of measured requests when the run is bounded by a count, otherwise empty. */
    public OptionalLong requests() {
        return requests > 0 ? OptionalLong.of(requests) : OptionalLong.empty();
    }

    /** Requests per second in open loop; 0 for a closed loop (each connection sends as soon as it has an answer). */
    public double rate() {
        return rate;
    }

    /** Time spent loading before measuring; its requests are shown in progress but not counted. */
    public Duration warmup() {
        return warmup;
    }

    /** Connect timeout and per-read timeout of every request. */
    public Duration timeout() {
        return timeout;
    }

    /** Whether requests follow a schedule at {@link #rate()} rather than a closed loop. */
    public boolean openLoop() {
        return rate > 0;
    }

    @Override
    public String toString() {
        return "LoadOptions[uri=" + uri + ", connections=" + connections
                + (requests > 0 ? ", requests=" + requests : ", duration=" + duration)
                + ", rate=" + rate + ", warmup=" + warmup + ", timeout=" + timeout + "]";
    }

    /** Builder of {@link LoadOptions}; every setter rejects values that cannot make a run. */
    public static final class Builder {

        private final URI uri;
        private int connections = DEFAULT_CONNECTIONS;
        private Duration duration = DEFAULT_DURATION;
        private long requests;
        private double rate;
        private Duration warmup = Duration.ZERO;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(URI uri) {
            Objects.requireNonNull(uri, "uri");
            if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("the URL must be http:// with a host, was " + uri);
            }
            if (uri.getPort() == 0 || uri.getPort() > MAX_PORT) {
                throw new IllegalArgumentException("the URL's port must be from 1 to " + MAX_PORT + ", was "
                                                   + uri.getPort());
            }
            this.uri = uri;
        }

        /** Number of connections (virtual threads), at least 1. */
        public Builder connections(int connections) {
            if (connections < 1) {
                throw new IllegalArgumentException("connections must be at least 1, was " + connections);
            }
            this.connections = connections;
            return this;
        }

        /** Ends the measured part of the run after {@code duration}, which must be positive. */
        public Builder duration(Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be positive, was " + duration);
            }
            this.duration = duration;
            this.requests = 0;
            return this;
        }

        /** Ends the run after {@code requests} measured requests (answered or failed), at least 1. */
        public Builder requests(long requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("requests must be at least 1, was " + requests);
            }
            this.requests = requests;
            return this;
        }

        /** Requests per second in open loop, or 0 for a closed loop. */
        public Builder rate(double rate) {
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("rate must be 0 (closed loop) or a positive number, was " + rate);
            }
            this.rate = rate;
            return this;
        }

        /** Time to load before measuring, zero or more. */
        public Builder warmup(Duration warmup) {
            if (warmup.isNegative()) {
                throw new IllegalArgumentException("warm-up must not be negative, was " + warmup);
            }
            this.warmup = warmup;
            return this;
        }

        /** Connect and per-read timeout, at least one millisecond. */
        public Builder timeout(Duration timeout) {
            if (timeout.toMillis() < 1) {
                throw new IllegalArgumentException("timeout must be at least 1 ms, was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** The options. */
        public LoadOptions build() {
            return new LoadOptions(this);
        }
    }
}
