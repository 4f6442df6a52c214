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

    /** Orders names with numbers by value: worker-2 before worker-10. */
    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int endA = i;
                while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
                    endA++;
                }
                int endB = j;
                while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
                    endB++;
                }
                String numberA = withoutLeadingZeros(a.substring(i, endA));
                String numberB = withoutLeadingZeros(b.substring(j, endB));
                int byLength = Integer.compare(numberA.length(), numberB.length());
                int byDigits = byLength != 0 ? byLength : numberA.compareTo(numberB);
                if (byDigits != 0) {
                    return byDigits;
                }
                i = endA;
                j = endB;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static String withoutLeadingZeros(String digits) {
        int from = 0;
        while (from < digits.length() - 1 && digits.charAt(from) == '0') {
            from++;
        }
        return digits.substring(from);
    }
}
