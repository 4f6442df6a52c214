package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A string dictionary so spans hold ints; past its limit new strings share one "(other)" entry. */
final class Names {

    static final String OTHER = "(other)";

    private final Map<String, Integer> indexes = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final int limit;

    Names(int limit) {
        this.limit = limit;
    }

    int index(String name) {
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

    String name(int index) {
        return names.get(index);
    }

    int size() {
        return names.size();
    }
}
