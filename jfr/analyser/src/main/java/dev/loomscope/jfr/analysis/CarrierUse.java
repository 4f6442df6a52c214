package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Which carriers the spans of one report ran on: the carrier section and the verdict's usage figures. */
final class CarrierUse {

    private final Names carriers;
    private final SpanStore requests;
    private final SpanStore calls;
    private final SpanStore pins;

    CarrierUse(Names carriers, SpanStore requests, SpanStore calls, SpanStore pins) {
        this.carriers = carriers;
        this.requests = requests;
        this.calls = calls;
        this.pins = pins;
    }

    /** Carriers and what ran on each; null when no span names one. */
    Report.Carriers carriers(Integer parallelism) {
        // Counted by carrier index first: a map lookup per span would dominate on millions of spans.
        long[][] counts = new long[carriers.size()][];
        countCarriers(counts, requests, 0);
        countCarriers(counts, calls, 2);
        for (int i = 0; i < pins.size(); i++) {
            use(counts, pins.startCarrier(i));
        }
        Map<String, long[]> uses = new TreeMap<>(NaturalOrder.INSTANCE);
        for (int index = 0; index < counts.length; index++) {
            String name = carriers.name(index);
            if (counts[index] != null && !name.isEmpty()) {
                uses.put(name, counts[index]);
            }
        }
        if (uses.isEmpty()) {
            return null;
        }
        List<Report.CarrierUse> perCarrier = new ArrayList<>();
        uses.forEach((name, n) -> perCarrier.add(new Report.CarrierUse(name, n[0], n[1], n[2], n[3])));
        return new Report.Carriers(uses.size(), parallelism, perCarrier);
    }

    private static long[] use(long[][] counts, int carrier) {
        if (counts[carrier] == null) {
            counts[carrier] = new long[4];
        }
        return counts[carrier];
    }

    private static void countCarriers(long[][] counts, SpanStore spans, int column) {
        for (int i = 0; i < spans.size(); i++) {
            use(counts, spans.startCarrier(i))[column]++;
            use(counts, spans.endCarrier(i))[column + 1]++;
        }
    }

    /** Threads and carriers the requests and calls ran on, for the verdict. */
    Verdict.Usage usage() {
        Set<Integer> requestCarriers = carrierIndexes(requests);
        Set<Integer> callCarriers = carrierIndexes(calls);
        Set<Integer> all = new TreeSet<>(requestCarriers);
        all.addAll(callCarriers);
        Set<Integer> shared = new TreeSet<>(requestCarriers);
        shared.retainAll(callCarriers);
        long virtualThreads = ThreadKeys.distinct(requests.sortedThreadKeys(), calls.sortedThreadKeys(), true);
        return new Verdict.Usage(virtualThreads, all.size(), shared.size(),
                                 requests.size() - requests.onVirtualThreads(),
                                 calls.size() - calls.onVirtualThreads());
    }

    private Set<Integer> carrierIndexes(SpanStore spans) {
        boolean[] seen = new boolean[carriers.size()];
        for (int i = 0; i < spans.size(); i++) {
            seen[spans.startCarrier(i)] = true;
            seen[spans.endCarrier(i)] = true;
        }
        Set<Integer> indexes = new HashSet<>();
        for (int index = 0; index < seen.length; index++) {
            if (seen[index] && !carriers.name(index).isEmpty()) {
                indexes.add(index);
            }
        }
        return indexes;
    }
}
