package dev.loomscope.jfr.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.loomscope.jfr.analysis.Formats;
import dev.loomscope.jfr.analysis.SliceLanes;

/**
 * The carrier lanes' part of the page's data: {@link SliceLanes} as plain JSON arrays, with a note that says what
 * the page draws exactly and what it summarises.
 */
final class SlicePayload {

    private SlicePayload() {
    }

    /** The payload, or null without slices (the page then leaves its lanes section hidden). */
    static Map<String, Object> of(SliceLanes lanes) {
        if (lanes == null) {
            return null;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("carriers", lanes.carriers());
        payload.put("threads", lanes.threads());
        payload.put("kinds", lanes.kinds());
        payload.put("sources", lanes.sources());
        payload.put("durationNanos", lanes.durationNanos());
        payload.put("slices", lanes.slices());
        payload.put("exactSlices", lanes.exactSlices());
        payload.put("fields", SliceLanes.EXACT_FIELDS);
        payload.put("overview", buckets(lanes.overview()));
        List<Map<String, Object>> windows = new ArrayList<>();
        for (SliceLanes.Window window : lanes.windows()) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("from", window.fromNanos());
            w.put("to", window.toNanos());
            w.put("exact", window.exact());
            w.put("buckets", window.buckets() == null ? null : buckets(window.buckets()));
            windows.add(w);
        }
        payload.put("windows", windows);
        payload.put("note", note(lanes));
        return payload;
    }

    private static Map<String, Object> buckets(SliceLanes.Buckets buckets) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("from", buckets.fromNanos());
        b.put("width", buckets.bucketNanos());
        b.put("busy", buckets.busy());
        b.put("dominant", buckets.dominant());
        return b;
    }

    private static String note(SliceLanes lanes) {
        String drawn = lanes.exactSlices() >= lanes.slices()
                ? "every one of them is drawn exactly once you zoom in"
                : String.format(Locale.ROOT, "zoomed in, windows of at most %s slices show each slice exactly (%s of"
                                + " them), denser windows show one summary per 1/600 of the window",
                                Formats.count(lanes.detailCap()), Formats.count(lanes.exactSlices()));
        return Formats.count(lanes.slices()) + " slices of the loomscope recorder, one lane per carrier. The whole"
               + " recording is drawn as one summary per pixel (shade = busy share, colour = the virtual thread that"
               + " ran longest in it); " + drawn + ". A slice is coloured by its request where it lies in a"
               + " loomscope.ServerRequest of its thread, else by its virtual thread.";
    }
}
