package dev.loomscope.jfr.read;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.carrotsearch.hppc.LongObjectHashMap;

/**
 * Reads a JFR file chunk by chunk and hands each event to the handler registered for its type, decoding only the
 * fields of those types; other events cost their start and end time.
 *
 * <p>Written for speed on recordings of millions of events: the JDK's {@code RecordingFile} builds an object per
 * event and looks fields up by name, which made the analyser several times slower than {@code jfr view}.
 * {@code RecordingReaderTest} checks that both read the same values from the same files.
 */
public final class RecordingReader {

    private static final int MAGIC = 0x464C5200; // "FLR\0"
    private static final int COMPRESSED_INTEGERS = 1;

    private final Map<String, Consumer<JfrEvent>> handlers = new HashMap<>();
    private Consumer<JfrEvent> every = event -> { };
    // One buffer for every chunk: a new 12 MB array per chunk made the garbage collector work hard.
    private byte[] buffer = new byte[Chunk.HEADER_SIZE];

    /** Calls {@code handler} with every event of that type, all fields decoded. */
    public RecordingReader onEvent(String typeName, Consumer<JfrEvent> handler) {
        handlers.put(typeName, handler);
        return this;
    }

    /**
     * Calls {@code handler} with every event, after the handler of its type if it has one; of an event without one,
     * only its type and times are available.
     */
    public RecordingReader onEveryEvent(Consumer<JfrEvent> handler) {
        every = handler;
        return this;
    }

    /**
     * Reads the whole file.
     *
     * @throws EOFException when the file ends inside a chunk
     * @throws DamagedRecordingException when the bytes do not follow the JFR format
     */
    public void read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long position = 0;
            Chunk first = null;
            while (position < size) {
                Chunk chunk = readChunk(channel, position, size, first);
                first = first == null ? chunk : first;
                position += chunk.size();
            }
        }
    }

    private Chunk readChunk(FileChannel channel, long position, long fileSize, Chunk first) throws IOException {
        if (fileSize - position < Chunk.HEADER_SIZE) {
            throw new EOFException("it ends in the middle of a chunk");
        }
        // The header is read into the chunk buffer, so only the rest of the chunk is read after it.
        ByteBuffer header = ByteBuffer.wrap(buffer, 0, Chunk.HEADER_SIZE);
        readFully(channel, header, position);
        if (header.getInt(0) != MAGIC) {
            throw new DamagedRecordingException("no chunk starts at byte " + position);
        }
        int major = header.getShort(4);
        if (major != 2) {
            throw new DamagedRecordingException("JFR format version " + major + "." + header.getShort(6)
                                                + ", which this reader does not know");
        }
        long chunkSize = header.getLong(8);
        if (chunkSize < Chunk.HEADER_SIZE || chunkSize > Integer.MAX_VALUE - 8) {
            throw new DamagedRecordingException("a chunk of " + chunkSize + " bytes");
        }
        if (chunkSize > fileSize - position) {
            throw new EOFException("it ends in the middle of a chunk");
        }
        if ((header.get(67) & COMPRESSED_INTEGERS) == 0) {
            throw new DamagedRecordingException("a chunk without compressed integers, which this reader does not know");
        }
        if (buffer.length < chunkSize) {
            buffer = Arrays.copyOf(buffer, (int) chunkSize);
        }
        readFully(channel, ByteBuffer.wrap(buffer, Chunk.HEADER_SIZE, (int) chunkSize - Chunk.HEADER_SIZE),
                  position + Chunk.HEADER_SIZE);
        Bytes bytes = new Bytes(buffer, (int) chunkSize);
        Chunk chunk = new Chunk(bytes, first);
        readEvents(chunk, bytes);
        return chunk;
    }

    private void readEvents(Chunk chunk, Bytes bytes) {
        LongObjectHashMap<EventLayout> layouts = new LongObjectHashMap<>();
        bytes.position(Chunk.HEADER_SIZE);
        while (bytes.position() < bytes.limit()) {
            int start = bytes.position();
            long size = bytes.varlong();
            if (size <= 0 || size > bytes.limit() - start) {
                throw new DamagedRecordingException("an event of " + size + " bytes at byte " + start
                                                    + " of a chunk of " + bytes.limit());
            }
            long typeId = bytes.varlong();
            if (typeId > 1) { // 0 is metadata, 1 a checkpoint: both were read before the events
                EventLayout layout = layouts.get(typeId);
                if (layout == null) {
                    layout = layout(chunk, typeId);
                    layouts.put(typeId, layout);
                }
                JfrEvent event = layout.event;
                if (layout.handler != null) {
                    event.read(chunk, layout, bytes);
                    layout.handler.accept(event);
                } else {
                    event.readTimes(chunk, layout, bytes);
                }
                every.accept(event);
                if (bytes.position() > start + size) {
                    throw new DamagedRecordingException("an event longer than its size at byte " + start);
                }
            }
            bytes.position(start + size);
        }
    }

    private EventLayout layout(Chunk chunk, long typeId) {
        JfrType type = chunk.metadata().type(typeId);
        if (type == null || type.fields().isEmpty() || !type.fields().get(0).name().equals("startTime")) {
            throw new DamagedRecordingException("an event of undeclared type " + typeId);
        }
        return new EventLayout(type, chunk.metadata(), handlers.get(type.name()));
    }

    /** Fills {@code buffer} from its position to its limit with the file's bytes from {@code position} on. */
    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position() - start) < 0) {
                throw new EOFException("it ends in the middle of a chunk");
            }
        }
    }
}
