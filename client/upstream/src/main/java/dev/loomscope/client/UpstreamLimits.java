package dev.loomscope.client;

import java.time.Duration;

import io.helidon.common.config.Config;

/**
 * What an upstream call may take at most, whatever the upstream does: its whole duration and the size of its answer.
 *
 * @param callTimeout      deadline of a whole call, from connecting to the last byte of the body
 * @param maxResponseBytes largest body accepted; a larger one is refused without being read to its end
 */
public record UpstreamLimits(Duration callTimeout, int maxResponseBytes) {

    /** 10 s per call; 1 MiB and 64 KiB of body: {@code /upstream} answers up to 1 MiB. */
    public static final UpstreamLimits DEFAULT = new UpstreamLimits(Duration.ofSeconds(10), (1 << 20) + (64 << 10));

    public UpstreamLimits {
        if (callTimeout.isNegative() || callTimeout.isZero()) {
            throw new IllegalArgumentException("client.call-timeout must be positive, got " + callTimeout);
        }
        if (maxResponseBytes < 0) {
            throw new IllegalArgumentException("client.max-response-size must be 0 or more, got " + maxResponseBytes);
        }
    }

    /** Reads {@code call-timeout} (ISO-8601, e.g. PT10S) and {@code max-response-size} (bytes) of a client section. */
    public static UpstreamLimits from(Config client) {
        Duration callTimeout = client.get("call-timeout").asString().map(Duration::parse)
                .orElse(DEFAULT.callTimeout());
        int maxResponseBytes = client.get("max-response-size").asInt().orElse(DEFAULT.maxResponseBytes());
        return new UpstreamLimits(callTimeout, maxResponseBytes);
    }

    /** The call timeout in words: "10 s", "1.5 s", "500 ms". */
    String describeCallTimeout() {
        return describe(callTimeout);
    }

    /** The size limit in words: "1 MiB", "1088 KiB", "100 bytes". */
    String describeMaxResponse() {
        if (maxResponseBytes % (1 << 20) == 0 && maxResponseBytes > 0) {
            return (maxResponseBytes >> 20) + " MiB";
        }
        if (maxResponseBytes % (1 << 10) == 0 && maxResponseBytes > 0) {
            return (maxResponseBytes >> 10) + " KiB";
        }
        return maxResponseBytes + " bytes";
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return millis >= 1000 ? millis / 1000.0 + " s" : millis + " ms";
    }
}
