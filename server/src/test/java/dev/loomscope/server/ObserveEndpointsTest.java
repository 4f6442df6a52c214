package dev.loomscope.server;

import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.Socket;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class ObserveEndpointsTest {

    private final Http1Client publicClient;
    private final Http1Client adminClient;

    ObserveEndpointsTest(Http1Client publicClient, @Socket("admin") Http1Client adminClient) {
        this.publicClient = publicClient;
        this.adminClient = adminClient;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        TestRouting.standard(routing);
    }

    @Test
    void healthAnswersOnAdminSocketOnly() {
        try (Http1ClientResponse admin = adminClient.get("/observe/health").request();
                Http1ClientResponse pub = publicClient.get("/observe/health").request()) {
            assertThat(admin.status()).isEqualTo(Status.NO_CONTENT_204);
            assertThat(pub.status()).isEqualTo(Status.NOT_FOUND_404);
        }
    }

    @Test
    void metricsInPrometheusTextIncludeVirtualThreadMetersOnAdminSocketOnly() {
        try (Http1ClientResponse admin = adminClient.get("/observe/metrics").request();
                Http1ClientResponse pub = publicClient.get("/observe/metrics").request()) {
            String text = admin.as(String.class);
            assertThat(admin.status()).isEqualTo(Status.OK_200);
            assertThat(text).contains("# TYPE").contains("vthreads_starts").contains("vthreads_pinned");
            assertThat(pub.status()).isEqualTo(Status.NOT_FOUND_404);
        }
    }
}
