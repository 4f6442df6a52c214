package dev.loomscope.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The headers of a JFR file's chunks, read byte by byte: a recording that the JVM finished writing is a run of
 * chunks whose headers give their size, start and duration, and whose sizes add up to the file's size.
 *
 * <p>Layout (big-endian): "FLR\0", major, minor (u2 each), chunk size, constant pool offset, metadata offset,
 * start (ns since the epoch), duration (ns), start ticks, ticks per second (u8 each).
 */
final class ChunkHeaders {

    private static final int HEADER_SIZE = 64;
    private static final int MAGIC = 0x464c5200; // "FLR\0"

    private ChunkHeaders() {
    }

    static List<Chunk> read(Path file) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long position = 0;
            while (position < size) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
                while (header.hasRemaining() && channel.read(header, position + header.position()) > 0) {
                    // reads until the header is full or the file ends
                }
                if (header.hasRemaining()) {
                    throw new IOException(file + ": chunk at " + position + " has only " + header.position()
                                                  + " bytes of its header");
                }
                header.flip();
                if (header.getInt(0) != MAGIC) {
                    throw new IOException(file + ": no chunk magic at offset " + position);
                }
                Chunk chunk = new Chunk(position, header.getShort(4), header.getShort(6), header.getLong(8),
                                        header.getLong(32), header.getLong(40));
                if (chunk.size() <= 0 || position + chunk.size() > size) {
                    throw new IOException(file + ": chunk at " + position + " claims " + chunk.size()
                                                  + " bytes, the file has " + (size - position) + " left");
                }
                chunks.add(chunk);
                position += chunk.size();
            }
        }
        return chunks;
    }

    /**
     * One chunk header.
     *
     * @param offset        where the chunk starts in the file
     * @param major         format major version
     * @param minor         format minor version
     * @param size          chunk size in bytes
     * @param startNanos    chunk start, nanoseconds since the epoch
     * @param durationNanos how long the chunk recorded; 0 while the JVM is still writing it
     */
    record Chunk(long offset, int major, int minor, long size, long startNanos, long durationNanos) {

        Instant start() {
            return Instant.ofEpochSecond(0, startNanos);
        }

        Instant end() {
            return Instant.ofEpochSecond(0, startNanos + durationNanos);
        }
    }
}
