package dev.loomscope.jfr.analysis;

import java.util.Comparator;

/** Orders names with numbers by value: ForkJoinPool-1-worker-2 before ForkJoinPool-1-worker-10. */
public final class NaturalOrder implements Comparator<String> {

    /** The one instance; it holds no state. */
    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
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
