package dev.loomscope.jfr.analysis;

import java.util.List;
import java.util.function.Function;

/**
 * The report's sections, described once: the JSON key and {@link Report#missing()} name, the label people read,
 * the events it is made of and what to do when they are missing. The text, JSON and HTML renderers and the
 * missing-section logic all read this list, in this order.
 */
public enum Section {
    CARRIERS("carriers", "carriers", List.of("loomscope.ServerRequest", "loomscope.ClientCall",
                                             "jdk.VirtualThreadPinned"), true,
             "needs loomscope.ServerRequest or loomscope.ClientCall events, or jdk.VirtualThreadPinned from JDK 24 on"
             + " (record with loomscope.jfc)", Report::carriers),
    VIRTUAL_THREADS("virtualThreads", "virtual threads", List.of("jdk.VirtualThreadStart", "jdk.VirtualThreadEnd"),
                    true, "needs jdk.VirtualThreadStart and jdk.VirtualThreadEnd events, which the JDK's default"
                          + " settings leave off (record with loomscope.jfc)", Report::virtualThreads),
    REQUESTS("requests", "requests", List.of("loomscope.ServerRequest"), false,
             "needs loomscope.ServerRequest events (record with loomscope.jfc)", Report::requests),
    CLIENT_CALLS("clientCalls", "client calls", List.of("loomscope.ClientCall"), false,
                 "needs loomscope.ClientCall events (record with loomscope.jfc)", Report::clientCalls),
    PINNING("pinning", "pinning", List.of("jdk.VirtualThreadPinned"), true,
            "needs jdk.VirtualThreadPinned events (record with loomscope.jfc)", Report::pinning),
    SUBMIT_FAILURES("submitFailures", "submit failures", List.of("jdk.VirtualThreadSubmitFailed"), true,
                    "needs jdk.VirtualThreadSubmitFailed events (record with loomscope.jfc)",
                    Report::submitFailures),
    CONNECTIONS("connections", "connections", List.of("loomscope.ServerRequest"), false,
                "needs loomscope.ServerRequest events with their protocol and connection fields (servers from"
                + " loomscope's h2c support on)", Report::connections),
    SLICES("slices", "slices", List.of("loomscope.VirtualThreadSlice", "loomscope.VirtualThreadWakeup"), false,
           "needs loomscope.VirtualThreadSlice events: run with the loomscope agent"
           + " (-javaagent:loomscope-agent.jar) and record with loomscope.jfc", Report::slices);

    private final String key;
    private final String label;
    private final List<String> events;
    private final boolean virtualThreadEvents;
    private final String needs;
    private final Function<Report, Object> part;

    Section(String key, String label, List<String> events, boolean virtualThreadEvents, String needs,
            Function<Report, Object> part) {
        this.key = key;
        this.label = label;
        this.events = events;
        this.virtualThreadEvents = virtualThreadEvents;
        this.needs = needs;
        this.part = part;
    }

    /** The name in JSON and in {@link Report#missing()}. */
    public String key() {
        return key;
    }

    /** The label of the text report. */
    public String label() {
        return label;
    }

    /** The event types the section is made of. */
    public List<String> events() {
        return events;
    }

    /** Whether its events are JDK virtual-thread events, which JDKs before 19 cannot have. */
    public boolean virtualThreadEvents() {
        return virtualThreadEvents;
    }

    /** What the section needs when the recording lacks it. */
    public String needs() {
        return needs;
    }

    /** The section's part of {@code report}, null when the recording lacks it. */
    public Object of(Report report) {
        return part.apply(report);
    }

    /**
     * The keys of the sections {@code report} lacks, in report order. Slices count as lacking only where the
     * recorder was present (its status event is in the recording): a recording made without it reads as before.
     */
    static List<String> missing(Report report) {
        return java.util.Arrays.stream(values())
                .filter(s -> s.of(report) == null && (s != SLICES || report.recorder() != null))
                .map(Section::key).toList();
    }
}
