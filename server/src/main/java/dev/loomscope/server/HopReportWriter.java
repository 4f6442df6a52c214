package dev.loomscope.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.helidon.http.HeaderValues;
import io.helidon.http.media.jackson.JacksonSupportConfig;
import io.helidon.webserver.http.ServerResponse;

/**
 * Sends the hop report as JSON with a Jackson writer set up once, with the object mapper Helidon's Jackson media
 * support uses, so the bytes are the same as {@code res.send(report)} would write.
 *
 * <p>{@code res.send(report)} looks up a media writer per response (media context, content negotiation, a writer for
 * the type from the mapper); the hop answers every request with the same type and content type, so that is set up
 * once here.
 */
final class HopReportWriter {

    private final ObjectWriter writer;

    HopReportWriter() {
        this(JacksonSupportConfig.create().objectMapper());
    }

    HopReportWriter(ObjectMapper mapper) {
        this.writer = mapper.writerFor(HopService.HopReport.class);
    }

    /** Sends {@code report} as the whole answer, {@code Content-Type: application/json}. */
    void send(ServerResponse res, HopService.HopReport report) {
        res.header(HeaderValues.CONTENT_TYPE_JSON).send(bytes(report));
    }

    /** The JSON of {@code report}, UTF-8. */
    byte[] bytes(HopService.HopReport report) {
        try {
            return writer.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            // Records of strings, numbers and booleans: Jackson cannot fail on them short of a bug.
            throw new IllegalStateException("cannot write the hop report as JSON", e);
        }
    }
}
