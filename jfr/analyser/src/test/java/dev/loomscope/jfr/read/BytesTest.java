package dev.loomscope.jfr.read;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BytesTest {

    /** JFR's compressed integer: 7 bits a byte, lowest first, top bit set while more follow; the ninth byte has 8. */
    private static void write(ByteArrayOutputStream out, long value) {
        for (int i = 0; i < 8; i++) {
            if ((value & ~0x7FL) == 0) {
                out.write((int) value);
                return;
            }
            out.write((int) (value & 0x7F | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    @Test
    void compressedIntegersOfEveryLengthDecodeAsWrittenAnywhereInTheChunk() {
        SplittableRandom random = new SplittableRandom(12);
        long[] values = new long[20_000];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < values.length; i++) {
            // Every length from 1 to 9 bytes, the edges of each length included.
            int bits = random.nextInt(65);
            long value = bits == 0 ? 0 : random.nextLong() >>> (64 - bits);
            values[i] = i % 7 == 0 ? (bits == 64 ? -1L : (1L << bits) - 1) : value;
            write(out, values[i]);
        }
        byte[] data = out.toByteArray();
        // A buffer larger than its chunk, as the reader reuses one: bytes past the limit must not be read.
        byte[] buffer = java.util.Arrays.copyOf(data, data.length + 16);
        java.util.Arrays.fill(buffer, data.length, buffer.length, (byte) 0x80);
        Bytes bytes = new Bytes(buffer, data.length);
        for (long value : values) {
            assertThat(bytes.varlong()).isEqualTo(value);
        }
        assertThat(bytes.position()).isEqualTo(data.length);
    }

    @Test
    void aCompressedIntegerCutByTheChunksEndIsDamage() {
        byte[] buffer = {(byte) 0x81, (byte) 0x82, (byte) 0x83, 0x04};
        assertThat(new Bytes(buffer).varlong()).isEqualTo(1 | 2 << 7 | 3 << 14 | 4 << 21);
        assertThatThrownBy(() -> new Bytes(buffer, 3).varlong()).isInstanceOf(DamagedRecordingException.class);
    }
}
