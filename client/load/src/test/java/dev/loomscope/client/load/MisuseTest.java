package dev.loomscope.client.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Misuse first: a bad argument is a message plus usage and exit 2; a target that cannot be reached is one line and exit 1. */
class MisuseTest {

    @AutoClose
    private static final TestServer server = new TestServer();

    @Test
    void withoutUrlPrintsMessageAndUsageAndExits2() {
        Cli.Result run = Cli.run("load");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("loomscope-client load: missing required parameter: 'URL'")
                .contains("Usage: loomscope-client load");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void rejectsDurationTogetherWithRequests() {
        long before = server.requests();

        Cli.Result run = Cli.run("load", server.uri("/").toString(), "--duration", "1s", "--requests", "5");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("loomscope-client load: --duration=D, --requests=N are mutually exclusive");
        assertThat(server.requests()).isEqualTo(before);
    }

    @Test
    void rejectsZeroConnections() {
        Cli.Result run = Cli.run("load", server.uri("/").toString(), "--connections", "0");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("loomscope-client load: connections must be at least 1, was 0");
    }

    @Test
    void rejectsAnUnknownProtocol() {
        Cli.Result run = Cli.run("load", server.uri("/").toString(), "--protocol", "h3");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("loomscope-client load: protocol must be http/1.1 or h2c, was h3");
    }

    @Test
    void rejectsStreamsOnHttp1() {
        Cli.Result run = Cli.run("load", server.uri("/").toString(), "--streams", "8");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("loomscope-client load: --streams needs --protocol h2c");
    }

    @Test
    void rejectsADurationItCannotRead() {
        Cli.Result run = Cli.run("load", server.uri("/").toString(), "--duration", "ten");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("loomscope-client load: invalid value for option '--duration': "
                                               + "'ten' is not a duration, use e.g. 30s, 500ms, 2m or PT30S");
    }

    @Test
    void rejectsAnHttpsUrl() {
        Cli.Result run = Cli.run("load", "https://127.0.0.1:8443/");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("loomscope-client load: the URL must be http:// with a host");
    }

    @Test
    void targetDownGivesOneLineAndExits1() throws Exception {
        URI nobody = TestServer.refusingUri();

        Cli.Result run = Cli.run("load", nobody.toString(), "--requests", "5");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("loomscope-client load: cannot connect to " + nobody
                                              + ": connection refused" + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void rejectsAPortOutOfRangeAsABadArgumentAndExits2() {
        Cli.Result run = Cli.run("load", "http://127.0.0.1:70000/", "--requests", "5");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("loomscope-client load: the URL's port must be from 1 to 65535, was 70000")
                .contains("Usage: loomscope-client load");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void rejectsABareNumberAsADurationAndSuggestsAUnit() {
        Cli.Result run = Cli.run("load", server.uri("/").toString(), "--duration", "30");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("loomscope-client load: invalid value for option '--duration': "
                                         + "'30' has no unit, write e.g. 30s or 30ms (units: ns, us, ms, s, m, h)");
    }

    @Test
    void unknownOptionSuggestsTheNearestAndExits2() {
        Cli.Result run = Cli.run("load", server.uri("/").toString(), "--conections", "4");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("loomscope-client load: unknown option --conections, did you mean --connections?");
    }
}
