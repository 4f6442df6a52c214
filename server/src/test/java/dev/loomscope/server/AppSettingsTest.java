package dev.loomscope.server;

import java.nio.file.Path;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppSettingsTest {

    private static AppSettings settings(Map<String, String> values) {
        return AppSettings.from(Config.just(ConfigSources.create(values)).get("app"));
    }

    @Test
    void defaultsRecordToLoomscopeJfrAndCallThisServer() {
        AppSettings settings = settings(Map.of());

        assertThat(settings.recording().enabled()).isTrue();
        assertThat(settings.recording().file()).isEqualTo(Path.of("loomscope.jfr"));
        assertThat(settings.upstream().describe(8080)).contains("this server");
    }

    @Test
    void configuredUpstreamAndRecordingAreRead() {
        AppSettings settings = settings(Map.of("app.upstream.uri", "http://127.0.0.1:9000/upstream",
                                               "app.recording.enabled", "false",
                                               "app.recording.file", "/tmp/x.jfr"));

        assertThat(settings.upstream().describe(8080)).isEqualTo("http://127.0.0.1:9000/upstream");
        assertThat(settings.recording().enabled()).isFalse();
        assertThat(settings.recording().file()).isEqualTo(Path.of("/tmp/x.jfr"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/x", "not a uri", "http://127.0.0.1:9000/upstream?x=1", "/upstream"})
    void unusableUpstreamUriIsRejectedNamingTheKey(String uri) {
        assertThatThrownBy(() -> settings(Map.of("app.upstream.uri", uri)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("app.upstream.uri");
    }
}
