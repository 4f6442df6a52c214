package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Works out the {@link ConnectionModels} of a set of requests: per protocol, connections against threads. */
final class ConnectionModelCounter {

    private ConnectionModelCounter() {
    }

    /** The models of {@code requests}, or null when no request names its protocol (a recording from before). */
    static ConnectionModels of(RequestSpans requests) {
        if (!requests.namesProtocols()) {
            return null;
        }
        SpanStore spans = requests.spans();
        Map<String, List<Integer>> byProtocol = new LinkedHashMap<>();
        for (int i = 0; i < spans.size(); i++) {
            String protocol = requests.protocol(i);
            if (!protocol.isEmpty()) {
                byProtocol.computeIfAbsent(protocol, p -> new ArrayList<>()).add(i);
            }
        }
        if (byProtocol.isEmpty()) {
            return null;
        }
        List<ConnectionModels.Protocol> models = new ArrayList<>();
        byProtocol.forEach((protocol, indexes) -> models.add(protocol(protocol, indexes, requests)));
        models.sort(Comparator.comparingLong(ConnectionModels.Protocol::requests).reversed());
        return new ConnectionModels(List.copyOf(models));
    }

    private static ConnectionModels.Protocol protocol(String protocol, List<Integer> indexes, RequestSpans requests) {
        SpanStore spans = requests.spans();
        int n = indexes.size();
        // Connection in the top half, request index in the bottom: sorted, each connection's requests are together.
        long[] byConnection = new long[n];
        long[] threads = new long[n];
        for (int k = 0; k < n; k++) {
            int i = indexes.get(k);
            byConnection[k] = ((long) requests.connection(i) << 32) | i;
            threads[k] = spans.threadId(i);
        }
        Arrays.sort(byConnection);
        long connections = 0;
        long onOneThread = 0;
        long onManyThreads = 0;
        long maxInFlight = 0;
        for (int from = 0; from < n; ) {
            int to = from + 1;
            while (to < n && byConnection[to] >>> 32 == byConnection[from] >>> 32) {
                to++;
            }
            connections++;
            long[] starts = new long[to - from];
            long[] ends = new long[to - from];
            long[] connectionThreads = new long[to - from];
            for (int k = from; k < to; k++) {
                int i = (int) byConnection[k];
                starts[k - from] = spans.start(i);
                ends[k - from] = spans.end(i);
                connectionThreads[k - from] = spans.threadId(i);
            }
            maxInFlight = Math.max(maxInFlight, peak(starts, ends));
            if (distinct(connectionThreads) == 1) {
                onOneThread++;
            } else {
                onManyThreads++;
            }
            from = to;
        }
        long handlerThreads = distinct(threads);
        String model = onManyThreads == 0 ? ConnectionModels.THREAD_PER_CONNECTION
                : handlerThreads == n ? ConnectionModels.THREAD_PER_REQUEST : ConnectionModels.MIXED;
        // One request on each connection fits both models (curl's one request per connection does this).
        if (connections == n) {
            model = ConnectionModels.ONE_REQUEST_PER_CONNECTION;
        }
        return new ConnectionModels.Protocol(protocol, n, connections, handlerThreads,
                                             Math.round(100.0 * n / handlerThreads) / 100.0, maxInFlight,
                                             onOneThread, onManyThreads, model);
    }

    // Most spans open at once: a span ending at the instant another starts does not overlap it.
    private static long peak(long[] starts, long[] ends) {
        Arrays.sort(starts);
        Arrays.sort(ends);
        long open = 0;
        long peak = 0;
        int e = 0;
        for (long start : starts) {
            while (e < ends.length && ends[e] <= start) {
                e++;
                open--;
            }
            open++;
            peak = Math.max(peak, open);
        }
        return peak;
    }

    private static long distinct(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        long count = sorted.length == 0 ? 0 : 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[i - 1]) {
                count++;
            }
        }
        return count;
    }
}
