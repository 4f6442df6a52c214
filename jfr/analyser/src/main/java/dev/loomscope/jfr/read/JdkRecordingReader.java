package dev.loomscope.jfr.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a file with the JDK's {@code RecordingFile} and hands every event, through the same {@link JfrEvent} view
 * as {@link RecordingReader}, to the handlers registered for its type: the analysis then gives the same results.
 *
 * <p>Slower (an object per event and its values, looked up by name), but it reads what the JDK reads: the fallback
 * for files loomscope's reader does not support.
 */
public final class JdkRecordingReader implements EventHandlers {

    private final Map<String, Consumer<JfrEvent>> handlers = new HashMap<>();
    private Consumer<JfrEvent> every = event -> { };

    @Override
    public JdkRecordingReader onEvent(String typeName, Consumer<JfrEvent> handler) {
        handlers.put(typeName, handler);
        return this;
    }

    @Override
    public JdkRecordingReader onEveryEvent(Consumer<JfrEvent> handler) {
        every = handler;
        return this;
    }

    /** Reads the whole file on the calling thread, events in the order they are written, chunk after chunk. */
    public void read(Path file) throws IOException {
        try (RecordingFile recording = new RecordingFile(file)) {
            Map<Long, String> typeNames = new HashMap<>();
            for (EventType type : recording.readEventTypes()) {
                typeNames.put(type.getId(), type.getName());
            }
            RecordedEventView view = new RecordedEventView(typeNames);
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                view.show(event);
                Consumer<JfrEvent> handler = handlers.get(view.typeName());
                if (handler != null) {
                    handler.accept(view);
                }
                every.accept(view);
            }
        }
    }
}
