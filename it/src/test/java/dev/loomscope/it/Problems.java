package dev.loomscope.it;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client may see of a failure: a status and a short problem body, never the server's insides. */
final class Problems {

    private Problems() {
    }

    static void assertNoStackTrace(String body) {
        assertThat(body).as("body sent to the client")
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContainPattern("\\.java:\\d+")
                .doesNotContain("io.helidon.");
    }
}
