package dev.loomscope.jfr.read;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a read found that the JDK's parser also tolerates: events of types the metadata does not declare (an
 * emergency dump can hold them; they are skipped by their size) and chunks still being written when copied.
 *
 * @param undeclaredTypes  events skipped, by undeclared type id, in id order
 * @param unfinishedChunks chunks whose header carries the JDK's in-progress marker
 */
public record ReadNotes(Map<Long, Long> undeclaredTypes, int unfinishedChunks) {

    public static final ReadNotes NONE = new ReadNotes(Map.of(), 0);

    public ReadNotes {
        undeclaredTypes = Map.copyOf(undeclaredTypes);
    }

    /** Events skipped because their type is not declared. */
    public long undeclaredEvents() {
        return undeclaredTypes.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Both notes together. */
    public ReadNotes plus(ReadNotes other) {
        Map<Long, Long> types = new TreeMap<>(undeclaredTypes);
        other.undeclaredTypes.forEach((id, n) -> types.merge(id, n, Long::sum));
        return new ReadNotes(types, unfinishedChunks + other.unfinishedChunks);
    }
}
