package dev.loomscope.jfr.read;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Where a chunk is in the file, the clock base its header gives, and whether it was still being written. */
record ChunkPlace(long position, int size, Chunk.Clock clock, boolean unfinished) {

    private static final int MAGIC = 0x464C5200; // "FLR\0"
    private static final int COMPRESSED_INTEGERS = 1;
    private static final int FILE_STATE = 64;
    private static final int FLAGS = 67;

    /** Finds every chunk from its header, checking each one before any is read. */
    static List<ChunkPlace> of(FileChannel channel) throws IOException {
        List<ChunkPlace> places = new ArrayList<>();
        long fileSize = channel.size();
        byte[] bytes = new byte[Chunk.HEADER_SIZE];
        long position = 0;
        while (position < fileSize) {
            if (fileSize - position < Chunk.HEADER_SIZE) {
                throw new EOFException("it ends in the middle of a chunk");
            }
            ByteBuffer header = ByteBuffer.wrap(bytes);
            readFully(channel, header, position);
            if (header.getInt(0) != MAGIC) {
                throw new DamagedRecordingException("no chunk starts at byte " + position);
            }
            int major = header.getShort(4);
            if (major == 1) {
                throw new UnsupportedFormatException("JFR format version 1." + header.getShort(6)
                        + " (JDK 9/10), which is not supported; this reader reads 2.x (JDK 11+)");
            }
            if (major != 2) {
                throw new UnsupportedFormatException("JFR format version " + major + "." + header.getShort(6)
                        + ", which is not supported; this reader reads 2.x (JDK 11+)");
            }
            long chunkSize = header.getLong(8);
            // The JVM writes a non-zero file state while a chunk is open: a copy of it ends at the last flush, which
            // the header's size and offsets point to (both zero before the first flush).
            boolean unfinished = header.get(FILE_STATE) != 0;
            if (unfinished && (chunkSize <= Chunk.HEADER_SIZE || header.getLong(24) == 0)) {
                places.add(new ChunkPlace(position, 0, null, true)); // nothing of it was flushed yet
                break;
            }
            if (chunkSize < Chunk.HEADER_SIZE || chunkSize > Integer.MAX_VALUE - 8) {
                throw new DamagedRecordingException("a chunk of " + chunkSize + " bytes");
            }
            if (chunkSize > fileSize - position) {
                throw new EOFException("it ends in the middle of a chunk");
            }
            if ((header.get(FLAGS) & COMPRESSED_INTEGERS) == 0) {
                throw new DamagedRecordingException(
                        "a chunk without compressed integers, which this reader does not know");
            }
            places.add(new ChunkPlace(position, (int) chunkSize, Chunk.Clock.of(new Bytes(bytes)), unfinished));
            if (unfinished) {
                break; // what follows its flushed part is still being written
            }
            position += chunkSize;
        }
        return places;
    }

    /** The places with bytes to read: a chunk not yet flushed has none. */
    static List<ChunkPlace> readable(List<ChunkPlace> places) {
        return places.stream().filter(place -> place.size() > 0).toList();
    }

    static ReadNotes unfinished(List<ChunkPlace> places) {
        int unfinished = (int) places.stream().filter(ChunkPlace::unfinished).count();
        return unfinished == 0 ? ReadNotes.NONE : new ReadNotes(Map.of(), unfinished);
    }

    /** Fills {@code buffer} from its position to its limit with the file's bytes from {@code position} on. */
    static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position() - start) < 0) {
                throw new EOFException("it ends in the middle of a chunk");
            }
        }
    }
}
