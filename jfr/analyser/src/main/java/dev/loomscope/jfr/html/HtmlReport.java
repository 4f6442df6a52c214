package dev.loomscope.jfr.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loomscope.jfr.analysis.Analysis;
import dev.loomscope.jfr.analysis.Report;
import dev.loomscope.jfr.analysis.Section;
import dev.loomscope.jfr.analysis.Timeline;

/**
 * Writes one self-contained HTML page: the verdict and numbers of the combined report, a carrier timeline,
 * requests in flight against carriers, latency, pinning, and JDK Mission Control's automated analysis.
 *
 * <p>Everything is inline (no network, no CDN): the data travels as one JSON block that the page's script draws.
 */
public final class HtmlReport {

    private static final String TEMPLATE = "dev/loomscope/jfr/html/report.html";
    private static final String PLACEHOLDER = "/*LOOMSCOPE_DATA*/";

    private HtmlReport() {
    }

    /**
     * Writes the page for {@code analysis} of {@code files}.
     *
     * @param analysis   the analysis to show; its combined report gives every number on the page
     * @param reportJson the combined report as the JSON renderer writes it, so page and JSON agree field by field
     * @param files      the recordings, for JMC's rules
     * @param out        where the page goes
     */
    public static void write(Analysis analysis, JsonNode reportJson, List<Path> files, Writer out) throws IOException {
        write(analysis, reportJson, files, true, out);
    }

    /**
     * Writes the page, with JMC's automated analysis only when {@code jmcRules}: its loader and 68 rules take most
     * of the time and memory on large files.
     */
    public static void write(Analysis analysis, JsonNode reportJson, List<Path> files, boolean jmcRules, Writer out)
            throws IOException {
        write(analysis, reportJson, files, jmcRules ? null : "JMC's rules were not run (--no-jmc-rules).", out);
    }

    /** Writes the page, with JMC's automated analysis unless {@code jmcNotRun} says why it was not run. */
    public static void write(Analysis analysis, JsonNode reportJson, List<Path> files, String jmcNotRun, Writer out)
            throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("report", reportJson);
        // The sections as the text report describes them, so the page names what is missing in the same words.
        data.put("sections", java.util.Arrays.stream(Section.values())
                .map(section -> new SectionWords(section.key(), section.label(), section.needs()))
                .toList());
        // One timeline: the first recording's. Carriers of different JVMs share names, so lanes cannot be merged.
        Timeline timeline = analysis.timelines().get(0);
        Report first = analysis.recordings().get(0);
        Instant origin = first.recording().start();
        double duration = first.recording().durationMillis();
        Map<String, Object> timelineData = TimelinePayload.of(timeline, origin, duration);
        if (analysis.recordings().size() > 1) {
            timelineData.put("note", "Timeline of " + first.sources().get(0) + ", the first of "
                    + analysis.recordings().size() + " recordings. " + timelineData.get("note"));
        }
        data.put("timeline", timelineData);
        data.put("inflight", ChartPayloads.inflight(timeline));
        data.put("latency", ChartPayloads.latency(timeline));
        data.put("sliceLanes", SlicePayload.of(analysis.sliceLanes()));
        data.put("jmc", jmcNotRun == null ? JmcFindings.evaluate(files)
                : new NoFindings(List.of(), jmcNotRun));

        String json = new ObjectMapper().writeValueAsString(data)
                // The data sits inside a <script> element: "</" must not end it early.
                .replace("</", "<\\/");
        String template = template();
        int at = template.indexOf(PLACEHOLDER);
        out.write(template, 0, at);
        out.write(json);
        out.write(template, at + PLACEHOLDER.length(), template.length() - at - PLACEHOLDER.length());
        out.flush();
    }

    private static String template() {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TEMPLATE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Records, not Map.of: a Map.of's order changes from one JVM to the next, and so would the page's bytes.
    /** A section's key and words on the page. */
    private record SectionWords(String key, String label, String needs) {
    }

    /** The JMC findings of a page whose rules were not run. */
    private record NoFindings(List<Object> results, String note) {
    }
}
