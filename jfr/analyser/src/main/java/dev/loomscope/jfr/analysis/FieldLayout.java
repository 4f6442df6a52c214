package dev.loomscope.jfr.analysis;

import dev.loomscope.jfr.read.JfrEvent;

/**
 * Indexes of the fields one handler reads, found again only when the event layout changes (each chunk declares its
 * own); an index is -1 for a field the type lacks.
 */
abstract class FieldLayout {

    private Object layout;

    /** Brings the indexes up to date for {@code event}'s layout. */
    final void update(JfrEvent event) {
        if (event.layout() != layout) {
            find(event);
            layout = event.layout();
        }
    }

    /** Looks up every index for {@code event}'s layout. */
    abstract void find(JfrEvent event);
}
