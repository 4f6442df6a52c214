package dev.loomscope.server;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderValues;
import io.helidon.http.media.jackson.JacksonSupportConfig;
import io.helidon.webserver.http.ServerResponse;

/**
 * Sends the hop report as JSON, written field by field with the JSON factory of the object mapper Helidon's Jackson
 * media support uses, so the bytes are the same as {@code res.send(report)} would write.
 *
 * <p>{@code res.send(report)} looks up a media writer per response (media context, content negotiation, a writer for
 * the type from the mapper), and Jackson's data binding then reads each record component through reflection: 12% of
 * a hop's CPU samples at S1 (docs/benchmarks.md, levers). The report has one fixed shape, so its fields are written
 * here in the order data binding writes them; {@code HopReportWriterTest} holds the two to the same bytes.
 */
final class HopReportWriter {

    // A report of four checkpoints is about 800 bytes; one buffer of that size is never grown.
    private static final int FIRST_BUFFER = 1024;

    private final JsonFactory json;

    HopReportWriter() {
        this(JacksonSupportConfig.create().objectMapper());
    }

    HopReportWriter(ObjectMapper mapper) {
        this.json = mapper.getFactory();
    }

    /** Sends {@code report} as the whole answer, {@code Content-Type: application/json}. */
    void send(ServerResponse res, HopService.HopReport report) {
        res.header(HeaderValues.CONTENT_TYPE_JSON).send(bytes(report));
    }

    /** The JSON of {@code report}, UTF-8. */
    byte[] bytes(HopService.HopReport report) {
        ByteArrayBuilder out = new ByteArrayBuilder(FIRST_BUFFER);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("requestId", report.requestId());
            g.writeStringField("protocol", report.protocol());
            g.writeNumberField("streamId", report.streamId());
            g.writeStringField("connection", report.connection());
            g.writeArrayFieldStart("checkpoints");
            for (Checkpoint checkpoint : report.checkpoints()) {
                g.writeStartObject();
                g.writeStringField("step", checkpoint.step());
                g.writeNumberField("threadId", checkpoint.threadId());
                g.writeStringField("threadName", checkpoint.threadName());
                g.writeBooleanField("virtual", checkpoint.virtual());
                g.writeStringField("carrier", checkpoint.carrier());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanField("sameVirtualThread", report.sameVirtualThread());
            g.writeBooleanField("carrierChanged", report.carrierChanged());
            HopService.HopReport.Upstream upstream = report.upstream();
            g.writeObjectFieldStart("upstream");
            g.writeStringField("uri", upstream.uri());
            g.writeNumberField("status", upstream.status());
            g.writeNumberField("elapsedMillis", upstream.elapsedMillis());
            g.writeNumberField("bytes", upstream.bytes());
            g.writeStringField("protocol", upstream.protocol());
            g.writeNumberField("connectionsOpened", upstream.connectionsOpened());
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            // Into memory, of strings, numbers and booleans: Jackson cannot fail here short of a bug.
            throw new UncheckedIOException("cannot write the hop report as JSON", e);
        }
        return out.toByteArray();
    }
}
