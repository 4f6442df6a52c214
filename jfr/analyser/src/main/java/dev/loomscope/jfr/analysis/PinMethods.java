package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pins grouped by method, with the lines under it, as {@code jfr view pinned-threads} groups them: a method whose
 * pins spread over many lines is then named as the hottest place, which no single line of it may be.
 */
public final class PinMethods {

    /**
     * The pins of one method.
     *
     * @param method      pkg.Class.method
     * @param count       pins
     * @param totalMillis time pinned, summed
     * @param maxMillis   longest pin
     * @param lines       the groups of its lines, longest total first
     */
    public record PinMethod(String method, long count, double totalMillis, double maxMillis,
                            List<Report.PinGroup> lines) {
    }

    private PinMethods() {
    }

    /** The methods of {@code groups}, longest total first, ties by name. */
    public static List<PinMethod> of(List<Report.PinGroup> groups) {
        Map<String, List<Report.PinGroup>> byMethod = new LinkedHashMap<>();
        for (Report.PinGroup group : groups) {
            byMethod.computeIfAbsent(method(group.topFrame()), k -> new ArrayList<>()).add(group);
        }
        List<PinMethod> methods = new ArrayList<>();
        byMethod.forEach((method, lines) -> methods.add(new PinMethod(method,
                lines.stream().mapToLong(Report.PinGroup::count).sum(),
                lines.stream().mapToDouble(Report.PinGroup::totalMillis).sum(),
                lines.stream().mapToDouble(Report.PinGroup::maxMillis).max().orElse(0), List.copyOf(lines))));
        methods.sort(Comparator.comparingDouble(PinMethod::totalMillis).reversed()
                             .thenComparing(PinMethod::method));
        return List.copyOf(methods);
    }

    /** The method with most pinned time, or null without pins. */
    public static String hottest(Report.Pinning pinning) {
        List<PinMethod> methods = of(pinning.groups());
        return methods.isEmpty() ? null : methods.get(0).method();
    }

    /** "pkg.Class.method" of "pkg.Class.method(123)". */
    static String method(String frame) {
        int open = frame.lastIndexOf('(');
        return open > 0 && frame.endsWith(")") ? frame.substring(0, open) : frame;
    }

    /** "123" of "pkg.Class.method(123)", or the whole frame when it has no line. */
    public static String line(String frame) {
        int open = frame.lastIndexOf('(');
        return open > 0 && frame.endsWith(")") ? frame.substring(open + 1, frame.length() - 1) : frame;
    }
}
