package dev.loomscope.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.helidon.common.GenericType;
import io.helidon.http.HeaderNames;
import io.helidon.http.WritableHeaders;
import io.helidon.http.media.MediaSupport;
import io.helidon.http.media.jackson.JacksonSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The hop report's own writer gives the bytes Helidon's Jackson media support gave for {@code res.send(report)}. */
class HopReportWriterTest {

    private static final GenericType<HopService.HopReport> TYPE = GenericType.create(HopService.HopReport.class);

    @Test
    void writesTheSameBytesAsHelidonsJacksonMediaSupport() {
        HopService.HopReport report = new HopService.HopReport(
                42L, "HTTP/2", 3, "0x1a2b3c4d",
                List.of(new Checkpoint("handler-start", 101L, "", true, "ForkJoinPool-1-worker-1"),
                        new Checkpoint("before-call", 101L, "", true, "ForkJoinPool-1-worker-1"),
                        new Checkpoint("after-call", 101L, "näme \"quoted\"", true, "ForkJoinPool-1-worker-2"),
                        new Checkpoint("before-send", 7L, "main", false, "")),
                false, true,
                new HopService.HopReport.Upstream("http://127.0.0.1:9000/upstream?delayMs=0&bytes=100", 200, 1.25, 100,
                                                  "h2c", 1));

        byte[] ours = new HopReportWriter().bytes(report);

        assertThat(new String(ours, StandardCharsets.UTF_8)).isEqualTo(new String(helidons(report),
                                                                                    StandardCharsets.UTF_8));
        assertThat(new String(ours, StandardCharsets.UTF_8))
                .startsWith("{\"requestId\":42,\"protocol\":\"HTTP/2\",\"streamId\":3,")
                .contains("\"checkpoints\":[{\"step\":\"handler-start\"", "\"carrierChanged\":true",
                          "\"elapsedMillis\":1.25", "\"connectionsOpened\":1", "n\u00e4me \\\"quoted\\\"");
    }

    private static byte[] helidons(HopService.HopReport report) {
        MediaSupport jackson = JacksonSupport.create();
        WritableHeaders<?> headers = WritableHeaders.create();
        MediaSupport.WriterResponse<HopService.HopReport> writer = jackson.writer(TYPE, headers);
        assertThat(writer.support()).isNotEqualTo(MediaSupport.SupportLevel.NOT_SUPPORTED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.supplier().get().write(TYPE, report, out, headers);
        assertThat(headers.get(HeaderNames.CONTENT_TYPE).get()).isEqualTo("application/json");
        return out.toByteArray();
    }
}
