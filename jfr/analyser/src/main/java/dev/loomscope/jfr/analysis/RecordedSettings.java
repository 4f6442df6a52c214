package dev.loomscope.jfr.analysis;

import java.util.HashSet;
import java.util.Set;

import dev.loomscope.jfr.read.JfrEvent;

/** What the recording's jdk.ActiveSetting events say: which types were enabled, and the pin threshold. */
final class RecordedSettings {

    private final Set<String> enabledTypes = new HashSet<>();
    private String pinThreshold;

    void activeSetting(JfrEvent event) {
        String name = event.getString(event.field("name"));
        if ("enabled".equals(name) && "true".equals(event.getString(event.field("value")))) {
            String type = event.typeNameOf(event.getLong(event.field("id")));
            if (type != null) {
                enabledTypes.add(type);
            }
        } else if ("threshold".equals(name)) {
            String type = event.typeNameOf(event.getLong(event.field("id")));
            if (JdkEvents.VIRTUAL_THREAD_PINNED.equals(type)) {
                pinThreshold = event.getString(event.field("value"));
            }
        }
    }

    /** Adds the settings of the next chunk; a later chunk's threshold wins. */
    void merge(RecordedSettings part) {
        enabledTypes.addAll(part.enabledTypes);
        pinThreshold = part.pinThreshold != null ? part.pinThreshold : pinThreshold;
    }

    /** Whether the type was enabled in any chunk. */
    boolean enabled(String type) {
        return enabledTypes.contains(type);
    }

    /** The jdk.VirtualThreadPinned threshold, e.g. "20 ms"; null when 0 or not in the recording. */
    String pinThreshold() {
        return pinThreshold == null || pinThreshold.trim().matches("0+\\s*[a-z]*") ? null : pinThreshold.trim();
    }
}
