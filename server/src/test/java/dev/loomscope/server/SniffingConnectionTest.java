package dev.loomscope.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.function.Supplier;

import io.helidon.common.buffers.DataReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a connection's first bytes decide its protocol, and that deciding consumes none of them. */
class SniffingConnectionTest {

    @Test
    void thePrefaceInPiecesIsHttp2AndEveryByteIsLeftForIt() {
        Chunks chunks = new Chunks("PRI * HT", "TP/2.0\r\n\r", "\nSM\r\n\r\n", "\u0000\u0000\u0000\u0004");
        DataReader reader = DataReader.create(chunks);

        assertThat(SniffingConnection.startsWithPreface(reader)).isTrue();
        assertThat(chunks.pulled).as("reads made").isEqualTo(3);
        assertThat(reader.readBytes(SniffingConnection.PREFACE.length)).isEqualTo(SniffingConnection.PREFACE);
    }

    @Test
    void aRequestLineIsHttp1AfterItsFirstByteWithoutWaitingForMore() {
        Chunks chunks = new Chunks("G", "ET / HTTP/1.1\r\n\r\n");
        DataReader reader = DataReader.create(chunks);

        assertThat(SniffingConnection.startsWithPreface(reader)).isFalse();
        assertThat(chunks.pulled).as("reads made").isEqualTo(1);
        assertThat(reader.readBytes(1)).isEqualTo("G".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void bytesThatLeaveThePrefaceLateAreHttp1FromTheirFirstByte() {
        DataReader reader = DataReader.create(new Chunks("PRI * HTTP/1.1\r\n", "\r\n"));

        assertThat(SniffingConnection.startsWithPreface(reader)).isFalse();
        assertThat(new String(reader.readBytes(16), StandardCharsets.US_ASCII)).isEqualTo("PRI * HTTP/1.1\r\n");
    }

    /** A socket that delivers the given pieces one read at a time, then reports end of stream (null). */
    private static final class Chunks implements Supplier<byte[]> {
        private final Deque<byte[]> left = new ArrayDeque<>();
        int pulled;

        Chunks(String... pieces) {
            Arrays.stream(pieces).map(p -> p.getBytes(StandardCharsets.ISO_8859_1)).forEach(left::add);
        }

        @Override
        public byte[] get() {
            pulled++;
            return left.poll();
        }
    }
}
