package dev.loomscope.jfr.analysis;

import dev.loomscope.jfr.read.JfrEvent;

/** Indexes of named fields, found again only when the event layout changes (each chunk declares its own). */
final class FieldIndexes {

    private final String[] names;
    private final int[] indexes;
    private Object layout;

    FieldIndexes(String... names) {
        this.names = names;
        this.indexes = new int[names.length];
    }

    /** The indexes for {@code event}, in the order of the names given; -1 for a field the type lacks. */
    int[] of(JfrEvent event) {
        if (event.layout() != layout) {
            for (int i = 0; i < names.length; i++) {
                indexes[i] = event.field(names[i]);
            }
            layout = event.layout();
        }
        return indexes;
    }
}
