package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

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
        int n = spans.size();
        Names protocols = requests.protocols();
        // Grouped by dictionary index, each group in request order: a counting sort, no boxing, no comparisons.
        int[] protocolFirsts = new int[protocols.size() + 1];
        int[] byProtocol = IndexSort.grouped(requests.protocolIndexes(), n, protocols.size(), protocolFirsts);
        // A dictionary's indexes are in the order its names first appear among the requests: so are the models.
        List<ConnectionModels.Protocol> models = new ArrayList<>();
        for (int p = 0; p < protocols.size(); p++) {
            int from = protocolFirsts[p];
            int to = protocolFirsts[p + 1];
            if (to > from && !protocols.name(p).isEmpty()) {
                models.add(protocol(protocols.name(p), Arrays.copyOfRange(byProtocol, from, to), requests));
            }
        }
        if (models.isEmpty()) {
            return null;
        }
        // Most requests first; a stable sort keeps ties in the order the protocols first appear.
        models.sort(Comparator.comparingLong(ConnectionModels.Protocol::requests).reversed());
        return new ConnectionModels(List.copyOf(models));
    }

    /** The model of one protocol's requests, {@code indexes} in request order. */
    private static ConnectionModels.Protocol protocol(String protocol, int[] indexes, RequestSpans requests) {
        SpanStore spans = requests.spans();
        int n = indexes.length;
        int keys = requests.connectionCount();
        int[] connectionOf = requests.connectionIndexes();
        int[] firsts = IndexSort.groupStarts(indexes, connectionOf, keys);
        // One pass in request order, each connection's times written into its own range: read in order, the spans'
        // arrays stay in cache (gathering a connection's requests from all over them took a third of a second).
        int[] next = Arrays.copyOf(firsts, keys);
        long[] starts = new long[n];
        long[] ends = new long[n];
        long[] firstThread = new long[keys];
        boolean[] manyThreads = new boolean[keys];
        for (int i : indexes) {
            int c = connectionOf[i];
            int at = next[c]++;
            starts[at] = spans.start(i);
            ends[at] = spans.end(i);
            long thread = spans.threadId(i);
            if (at == firsts[c]) {
                firstThread[c] = thread;
            } else {
                manyThreads[c] |= thread != firstThread[c];
            }
        }
        long connections = 0;
        long onOneThread = 0;
        long onManyThreads = 0;
        long maxInFlight = 0;
        for (int c = 0; c < keys; c++) {
            if (firsts[c] == firsts[c + 1]) {
                continue;
            }
            connections++;
            maxInFlight = Math.max(maxInFlight, peak(starts, ends, firsts[c], firsts[c + 1]));
            if (manyThreads[c]) {
                onManyThreads++;
            } else {
                onOneThread++;
            }
        }
        // Every request of the store: the store has counted their distinct threads already.
        long handlerThreads = n == spans.size() ? ThreadKeys.distinct(spans.sortedThreadKeys(), false)
                : distinctThreads(indexes, spans);
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

    // Most spans open at once among from..to: a span ending at the instant another starts does not overlap it.
    private static long peak(long[] starts, long[] ends, int from, int to) {
        Arrays.sort(starts, from, to);
        Arrays.sort(ends, from, to);
        long open = 0;
        long peak = 0;
        int e = from;
        for (int s = from; s < to; s++) {
            while (e < to && ends[e] <= starts[s]) {
                e++;
                open--;
            }
            open++;
            peak = Math.max(peak, open);
        }
        return peak;
    }

    private static long distinctThreads(int[] indexes, SpanStore spans) {
        long[] sorted = new long[indexes.length];
        for (int k = 0; k < indexes.length; k++) {
            sorted[k] = spans.threadId(indexes[k]);
        }
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
