package dev.loomscope.jfr.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.loomscope.jfr.analysis.Analysis;
import dev.loomscope.jfr.analysis.Report;

/** Writes an {@link Analysis} as {@code {"recordings": [Report...], "combined": Report}} (docs/CONTRACTS.md). */
public final class JsonRenderer {

    private final ObjectMapper mapper = new ObjectMapper()
            // Instants as ISO-8601 text without pulling in jackson-datatype-jsr310.
            .registerModule(new SimpleModule("loomscope").addSerializer(Instant.class, ToStringSerializer.instance))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** One report as the JSON tree {@link #render} writes for it, for pages that must show the same numbers. */
    public JsonNode tree(Report report) {
        return mapper.valueToTree(report);
    }

    /** Writes the reports; the timelines are for the HTML renderer and stay out of the JSON. */
    public void render(Analysis analysis, Writer out) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("recordings", analysis.recordings());
        document.put("combined", analysis.combined());
        try {
            mapper.writeValue(out, document);
            out.write(System.lineSeparator());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
