package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A string dictionary so spans hold ints; past its limit new strings share one "(other)" entry. */
final class Names {

    static final String OTHER = "(other)";
    private static final int RECENT = 64;

    private final Map<String, Integer> indexes = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final int limit;
    // Names handed in lately, by their hash: the same String object comes back while a field repeats its value.
    private final String[] recentNames = new String[RECENT];
    private final int[] recentIndexes = new int[RECENT];

    Names(int limit) {
        this.limit = limit;
    }

    int index(String name) {
        if (name == null) {
            return lookUp(null);
        }
        // The reader hands out the same String object while a field repeats its value (a carrier, one of dozens of
        // connections): found by identity in the slot of its cached hash, before the map's lookup.
        int slot = name.hashCode() & (RECENT - 1);
        if (recentNames[slot] == name) {
            return recentIndexes[slot];
        }
        int index = lookUp(name);
        recentNames[slot] = name;
        recentIndexes[slot] = index;
        return index;
    }

    private int lookUp(String name) {
        String key = name == null ? "" : name;
        Integer known = indexes.get(key);
        if (known != null) {
            return known;
        }
        if (names.size() >= limit) {
            key = OTHER;
            known = indexes.get(key);
            if (known != null) {
                return known;
            }
        }
        int index = names.size();
        names.add(key);
        indexes.put(key, index);
        return index;
    }

    /** The index here of each name of {@code other}, by its index there; names are added in its order. */
    int[] indexesOf(Names other) {
        int[] indexes = new int[other.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = index(other.name(i));
        }
        return indexes;
    }

    /** Counts kept by index, as counts by name; a name of no count is left out. */
    Map<String, Long> counts(long[] byIndex) {
        Map<String, Long> counts = new HashMap<>();
        for (int index = 0; index < byIndex.length; index++) {
            if (byIndex[index] > 0) {
                counts.merge(names.get(index), byIndex[index], Long::sum);
            }
        }
        return counts;
    }

    String name(int index) {
        return names.get(index);
    }

    int size() {
        return names.size();
    }

    /** {@code counts} largest first, ties by name; entries beyond {@code limit} are summed as {@link #OTHER}. */
    static Map<String, Long> mostFirst(Map<String, Long> counts, int limit) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> result = new LinkedHashMap<>();
        long other = 0;
        for (Map.Entry<String, Long> entry : entries) {
            if (result.size() < limit) {
                result.put(entry.getKey(), entry.getValue());
            } else {
                other += entry.getValue();
            }
        }
        if (other > 0) {
            result.merge(Names.OTHER, other, Long::sum);
        }
        return result;
    }
}
