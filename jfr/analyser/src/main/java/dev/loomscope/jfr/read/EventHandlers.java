package dev.loomscope.jfr.read;

import java.util.function.Consumer;

/** Where the analysis registers what it does with each event type, whichever reader then reads the file. */
public interface EventHandlers {

    /** Calls {@code handler} with every event of that type, all fields decoded. */
    EventHandlers onEvent(String typeName, Consumer<JfrEvent> handler);

    /**
     * As {@link #onEvent(String, Consumer)}, and where this reader can, {@code decoder} reads the events of a layout
     * it matches instead of {@code handler}: loomscope's reader does, the JDK's does not.
     */
    default EventHandlers onEvent(String typeName, Consumer<JfrEvent> handler, FieldDecoder decoder) {
        return onEvent(typeName, handler);
    }

    /**
     * Calls {@code handler} with every event, after the handler of its type if it has one; of an event without one,
     * only its type and times are sure to be available.
     */
    EventHandlers onEveryEvent(Consumer<JfrEvent> handler);
}
