package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which carriers the spans of one report ran on: the carrier section and the verdict's usage figures, both from one
 * count per carrier index made when this is made (a map lookup per span would dominate on millions of spans).
 */
final class CarrierUse {

    private static final int REQUEST_STARTS = 0;
    private static final int CALL_STARTS = 2;
    private static final int COLUMNS = 4;

    private final Names carriers;
    private final SpanStore requests;
    private final SpanStore calls;
    // Per carrier index: requests started, ended, calls started, resumed; used says any span named it, pins too.
    private final long[] counts;
    private final boolean[] used;

    CarrierUse(Names carriers, SpanStore requests, SpanStore calls, SpanStore pins) {
        this.carriers = carriers;
        this.requests = requests;
        this.calls = calls;
        this.counts = new long[carriers.size() * COLUMNS];
        this.used = new boolean[carriers.size()];
        count(requests, REQUEST_STARTS);
        count(calls, CALL_STARTS);
        for (int i = 0; i < pins.size(); i++) {
            used[pins.startCarrier(i)] = true;
        }
    }

    private void count(SpanStore spans, int column) {
        long[] counts = this.counts;
        for (int i = 0; i < spans.size(); i++) {
            counts[spans.startCarrier(i) * COLUMNS + column]++;
            counts[spans.endCarrier(i) * COLUMNS + column + 1]++;
        }
        for (int index = 0; index < used.length; index++) {
            used[index] |= counts[index * COLUMNS + column] + counts[index * COLUMNS + column + 1] > 0;
        }
    }

    /** Carriers and what ran on each; null when no span names one. */
    Report.Carriers carriers(Integer parallelism) {
        Map<String, Integer> uses = new TreeMap<>(NaturalOrder.INSTANCE);
        for (int index = 0; index < used.length; index++) {
            String name = carriers.name(index);
            if (used[index] && !name.isEmpty()) {
                uses.put(name, index);
            }
        }
        if (uses.isEmpty()) {
            return null;
        }
        List<Report.CarrierUse> perCarrier = new ArrayList<>();
        uses.forEach((name, index) -> perCarrier.add(new Report.CarrierUse(name, counts[index * COLUMNS],
                counts[index * COLUMNS + 1], counts[index * COLUMNS + 2], counts[index * COLUMNS + 3])));
        return new Report.Carriers(uses.size(), parallelism, perCarrier);
    }

    /** Threads and carriers the requests and calls ran on, for the verdict. */
    Verdict.Usage usage() {
        long all = 0;
        long shared = 0;
        for (int index = 0; index < used.length; index++) {
            if (carriers.name(index).isEmpty()) {
                continue;
            }
            boolean request = ran(index, REQUEST_STARTS);
            boolean call = ran(index, CALL_STARTS);
            all += request || call ? 1 : 0;
            shared += request && call ? 1 : 0;
        }
        long virtualThreads = ThreadKeys.distinct(requests.sortedThreadKeys(), calls.sortedThreadKeys(), true);
        return new Verdict.Usage(virtualThreads, (int) all, (int) shared,
                                 requests.size() - requests.onVirtualThreads(),
                                 calls.size() - calls.onVirtualThreads());
    }

    private boolean ran(int index, int column) {
        return counts[index * COLUMNS + column] + counts[index * COLUMNS + column + 1] > 0;
    }
}
