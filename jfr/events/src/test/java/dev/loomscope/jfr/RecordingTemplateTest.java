package dev.loomscope.jfr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.loomscope.jfr.event.ClientCallEvent;
import dev.loomscope.jfr.event.ServerRequestEvent;
import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordingTemplateTest {

    private static final Path SHIPPED_TEMPLATE = Path.of("src/main/resources/loomscope.jfc");

    @Test
    void mergedSettingsEnableVirtualThreadLifecycleShortPinsAndLoomscopeEvents() {
        Map<String, String> settings = RecordingTemplate.settings();

        assertThat(settings)
                .containsEntry("jdk.VirtualThreadStart#enabled", "true")
                .containsEntry("jdk.VirtualThreadEnd#enabled", "true")
                .containsEntry("jdk.VirtualThreadPinned#threshold", "1 ms")
                .containsEntry(ServerRequestEvent.NAME + "#enabled", "true")
                .containsEntry(ClientCallEvent.NAME + "#enabled", "true")
                // and the JDK's defaults are still there
                .containsEntry("jdk.GarbageCollection#enabled", "true");
    }

    @Test
    void shippedTemplateForJmcCarriesEveryAddition() throws Exception {
        Map<String, String> shipped = Configuration.create(SHIPPED_TEMPLATE).getSettings();

        assertThat(shipped).containsAllEntriesOf(RecordingTemplate.additions().getSettings());
    }

    @Test
    void shippedTemplateListsEachEventOnce() throws Exception {
        Matcher events = Pattern.compile("<event name=\"([^\"]+)\"").matcher(Files.readString(SHIPPED_TEMPLATE));
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (events.find()) {
            assertThat(seen.add(events.group(1))).as("event %s listed twice", events.group(1)).isTrue();
        }
        assertThat(seen).contains(ServerRequestEvent.NAME, ClientCallEvent.NAME, "jdk.VirtualThreadPinned");
    }
}
