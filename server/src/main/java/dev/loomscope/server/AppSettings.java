package dev.loomscope.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.helidon.config.Config;

/**
 * The {@code app} section of the configuration.
 *
 * @param upstream  where {@code /} and {@code /fanout} send their calls
 * @param recording the JFR recording the server keeps
 * @param warmUp    whether a few requests run through the server before its recording starts
 * @param headerTimeout how long a connection may take from its request line to the end of its headers
 */
record AppSettings(UpstreamTarget upstream, RecordingSettings recording, boolean warmUp, Duration headerTimeout) {

    /** Reads {@code app.upstream.uri}, {@code app.recording.*} and {@code app.warm-up.enabled}. */
    static AppSettings from(Config app) {
        Optional<URI> upstream = app.get("upstream.uri").asString()
                .map(String::strip)
                .filter(text -> !text.isEmpty())
                .map(AppSettings::upstreamUri);
        RecordingSettings recording = new RecordingSettings(
                app.get("recording.enabled").asBoolean().orElse(true),
                Path.of(app.get("recording.file").asString().orElse("loomscope.jfr")));
        return new AppSettings(new UpstreamTarget(upstream), recording,
                               app.get("warm-up.enabled").asBoolean().orElse(true),
                               app.get("header-timeout").as(Duration.class).orElse(Duration.ofSeconds(10)));
    }

    private static URI upstreamUri(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("app.upstream.uri is not a URI: " + text, e);
        }
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("app.upstream.uri must be an http:// URI with a host and no query: "
                                                       + text);
        }
        return uri;
    }

    /**
     * Whether and where the server records.
     *
     * @param enabled whether the server starts its own recording
     * @param file    where the recording is written when the server stops
     */
    record RecordingSettings(boolean enabled, Path file) {
    }
}
