package dev.loomscope.client.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.stream.Stream;

import dev.loomscope.client.UpstreamFailure;
import io.helidon.common.buffers.DataReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The load generator names a failure as the server's upstream client does: one classifier, {@link UpstreamFailure}. */
class ErrorKindTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new UncheckedIOException(new SocketException("Connection reset")), "closed"),
                Arguments.of(new UncheckedIOException(new EOFException()), "closed"),
                Arguments.of(new DataReader.InsufficientDataAvailableException(), "closed"),
                Arguments.of(new UncheckedIOException(new ConnectException("Connection refused")), "refused"),
                Arguments.of(new UncheckedIOException(new SocketTimeoutException("Read timed out")), "timeout"),
                Arguments.of(new IllegalStateException("HTTP Response did not contain HTTP status line"), "error"),
                Arguments.of(new UncheckedIOException(new UnknownHostException("nowhere.invalid")), "error"),
                Arguments.of(new IOException("anything else"), "error"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void namesAFailureAsTheSharedClassifierDoes(Throwable failure, String expected) {
        UpstreamFailure shared = UpstreamFailure.of(failure);

        assertThat(ErrorKind.of(failure).key()).isEqualTo(expected);
        if (shared != UpstreamFailure.NOT_HTTP) {
            assertThat(ErrorKind.of(failure).key()).isEqualTo(shared.key());
        }
    }
}
