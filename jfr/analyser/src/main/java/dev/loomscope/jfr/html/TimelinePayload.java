package dev.loomscope.jfr.html;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.loomscope.jfr.analysis.NaturalOrder;
import dev.loomscope.jfr.analysis.Timeline;
import dev.loomscope.jfr.analysis.Timeline.CallSpan;
import dev.loomscope.jfr.analysis.Timeline.RequestSpan;

/**
 * Turns request and client-call spans into what the page draws: slices of a request on a carrier, and links from
 * the carrier a blocking call left to the carrier it came back on.
 *
 * <p>A request is known to be mounted from its start to its first client call and from the end of each call to
 * the next call or to its end: loomscope's handlers do not block in between. A request without calls of its own
 * (such as {@code /upstream}, which sleeps) is drawn as two ticks joined by a link, because where it unmounted
 * in between is not recorded.
 */
final class TimelinePayload {

    /** Most requests drawn: keeps a page of a million-event recording under 10 MB and quick to open. */
    static final int MAX_REQUESTS = 40_000;

    private static final double MOUNTED_WITHOUT_CALLS_MILLIS = 1.0;

    private final Instant origin;
    private final Map<String, Integer> carrierIndex = new LinkedHashMap<>();
    private final List<double[]> slices = new ArrayList<>();
    private final List<double[]> links = new ArrayList<>();
    private final List<Object[]> requests = new ArrayList<>();

    private TimelinePayload(Instant origin) {
        this.origin = origin;
    }

    /** Page data for one recording's timeline, its carriers ordered by pool and worker number. */
    static Map<String, Object> of(Timeline timeline, Instant origin, double durationMillis) {
        TimelinePayload payload = new TimelinePayload(origin);
        payload.indexCarriers(timeline);
        List<RequestSpan> drawn = timeline.requests().subList(0, Math.min(MAX_REQUESTS, timeline.requests().size()));
        payload.add(drawn, timeline.calls());

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("durationMillis", durationMillis);
        data.put("carriers", List.copyOf(payload.carrierIndex.keySet()));
        data.put("slices", payload.slices);
        data.put("links", payload.links);
        data.put("requests", payload.requests);
        data.put("pins", payload.pins(timeline));
        data.put("note", payload.note(timeline, drawn));
        data.put("drawnRequests", drawn.size());
        payload.putHeat(timeline, drawn, data);
        return data;
    }

    private static final String READING = " A slice runs from one recorded point of a request to the next on the same"
            + " carrier (handler start, client call start and end, handler end); under load part of it may be time the"
            + " virtual thread spent queued for a carrier.";

    private String note(Timeline timeline, List<RequestSpan> drawn) {
        if (drawn.size() == timeline.requestsTotal()) {
            return "Every request of the recording is drawn (" + drawn.size() + ")." + READING;
        }
        String window = drawn.isEmpty() ? "none of them as slices"
                : drawn.size() + " (starting from " + Math.round(millis(drawn.get(0).start())) + " to "
                  + Math.round(millis(drawn.get(drawn.size() - 1).start())) + " ms) as slices";
        return READING.strip() + " Every one of the " + timeline.requestsTotal() + " requests is drawn: " + window
                + ", the rest as requests started per carrier in each " + timeline.overview().bucketMillis()
                + " ms bucket (darker is more); press \"whole recording\" to see them, and make the page with"
                + " report --timeline-from D for slices from D on. The numbers above cover them all.";
    }

    /**
     * Requests started per lane and bucket, for the part of the recording after the requests drawn as slices: the
     * whole recording is drawn, in detail where the page holds the spans.
     */
    private void putHeat(Timeline timeline, List<RequestSpan> drawn, Map<String, Object> data) {
        Timeline.Overview overview = timeline.overview();
        boolean truncated = drawn.size() < timeline.requestsTotal();
        data.put("detailFromMillis", !truncated ? null : drawn.isEmpty() ? 0.0 : millis(drawn.get(0).start()));
        data.put("detailToMillis", !truncated ? null : drawn.isEmpty() ? 0.0 : millis(drawn.get(drawn.size() - 1).start()));
        data.put("heatBucketMillis", overview.bucketMillis());
        List<List<Long>> heat = new ArrayList<>();
        carrierIndex.keySet().forEach(name -> heat.add(List.of()));
        if (truncated) {
            for (int c = 0; c < overview.carriers().size(); c++) {
                Integer lane = carrierIndex.get(overview.carriers().get(c));
                if (lane != null) {
                    heat.set(lane, overview.startedPerCarrier().get(c));
                }
            }
        }
        data.put("heat", heat);
    }

    private void indexCarriers(Timeline timeline) {
        TreeSet<String> names = new TreeSet<>(NaturalOrder.INSTANCE);
        for (RequestSpan r : timeline.requests()) {
            names.add(r.startCarrier());
            names.add(r.endCarrier());
        }
        for (CallSpan c : timeline.calls()) {
            names.add(c.startCarrier());
            names.add(c.endCarrier());
        }
        for (Timeline.PinSpan p : timeline.pins()) {
            names.add(p.carrier());
        }
        // Carriers of requests after those kept as spans still get a lane, for the overview drawn on it.
        names.addAll(timeline.overview().carriers());
        names.remove("");
        names.forEach(name -> carrierIndex.put(name, carrierIndex.size()));
    }

    private void add(List<RequestSpan> drawn, List<CallSpan> calls) {
        Map<Long, List<CallSpan>> callsByRequest = new HashMap<>();
        for (CallSpan call : calls) {
            if (call.requestId() != 0) {
                callsByRequest.computeIfAbsent(call.requestId(), id -> new ArrayList<>()).add(call);
            }
        }
        for (RequestSpan request : drawn) {
            int index = requests.size();
            requests.add(new Object[] {request.requestId(), request.threadId(), request.path(), request.status(),
                    millis(request.start()), millis(request.end())});
            List<CallSpan> own = new ArrayList<>();
            for (CallSpan call : callsByRequest.getOrDefault(request.requestId(), List.of())) {
                if (call.threadId() == request.threadId()) {
                    own.add(call);
                } else {
                    addUnmountedGap(index, call.startCarrier(), call.start(), call.endCarrier(), call.end());
                }
            }
            own.sort(Comparator.comparing(CallSpan::start));
            addRequest(index, request, own);
        }
    }

    private void addRequest(int index, RequestSpan request, List<CallSpan> own) {
        if (own.isEmpty()) {
            double length = millis(request.end()) - millis(request.start());
            if (request.startCarrier().equals(request.endCarrier()) && length <= MOUNTED_WITHOUT_CALLS_MILLIS) {
                slice(request.startCarrier(), request.start(), request.end(), index);
            } else {
                addUnmountedGap(index, request.startCarrier(), request.start(), request.endCarrier(), request.end());
            }
            return;
        }
        Instant mountedFrom = request.start();
        for (CallSpan call : own) {
            slice(call.startCarrier(), mountedFrom, call.start(), index);
            link(call.startCarrier(), call.endCarrier(), call.start(), call.end(), index);
            mountedFrom = call.end();
        }
        slice(own.get(own.size() - 1).endCarrier(), mountedFrom, request.end(), index);
    }

    private List<Object[]> pins(Timeline timeline) {
        List<Object[]> pins = new ArrayList<>();
        for (Timeline.PinSpan pin : timeline.pins()) {
            Integer lane = carrierIndex.get(pin.carrier());
            pins.add(new Object[] {lane == null ? -1 : lane, millis(pin.start()), millis(pin.end()), pin.topFrame()});
        }
        return pins;
    }

    private void addUnmountedGap(int index, String fromCarrier, Instant from, String toCarrier, Instant to) {
        slice(fromCarrier, from, from, index);
        slice(toCarrier, to, to, index);
        link(fromCarrier, toCarrier, from, to, index);
    }

    private void slice(String carrier, Instant from, Instant to, int request) {
        Integer lane = carrierIndex.get(carrier);
        if (lane != null && !to.isBefore(from)) {
            double start = millis(from);
            slices.add(new double[] {lane, start, Math.max(start, millis(to)), request});
        }
    }

    private void link(String fromCarrier, String toCarrier, Instant from, Instant to, int request) {
        Integer fromLane = carrierIndex.get(fromCarrier);
        Integer toLane = carrierIndex.get(toCarrier);
        if (fromLane != null && toLane != null) {
            links.add(new double[] {fromLane, toLane, millis(from), millis(to), request});
        }
    }

    private double millis(Instant instant) {
        return Math.round(Duration.between(origin, instant).toNanos() / 1_000.0) / 1_000.0;
    }
}
