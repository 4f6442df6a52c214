package dev.loomscope.jfr.read;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.procedures.LongLongProcedure;

/**
 * Reads a JFR file chunk by chunk and hands each event to the handler registered for its type, decoding only the
 * fields of those types; other events cost their start and end time.
 *
 * <p>Written for speed on recordings of millions of events: the JDK's {@code RecordingFile} builds an object per
 * event and looks fields up by name, which made the analyser several times slower than {@code jfr view}.
 * {@code RecordingReaderTest} checks that both read the same values from the same files.
 */
public final class RecordingReader implements EventHandlers {

    private static final int LAYOUTS_BY_ID = 1 << 14;

    private final Map<String, Consumer<JfrEvent>> handlers = new HashMap<>();
    private final Map<String, FieldDecoder> decoders = new HashMap<>();
    private final EventFields fields = new EventFields();
    private Consumer<JfrEvent> every = event -> { };
    // One buffer for every chunk: a new 12 MB array per chunk made the garbage collector work hard.
    private byte[] buffer = new byte[0];
    private final LongLongHashMap undeclared = new LongLongHashMap();
    private long chunkBytes;

    @Override
    public RecordingReader onEvent(String typeName, Consumer<JfrEvent> handler) {
        return onEvent(typeName, handler, null);
    }

    @Override
    public RecordingReader onEvent(String typeName, Consumer<JfrEvent> handler, FieldDecoder decoder) {
        handlers.put(typeName, handler);
        decoders.put(typeName, decoder); // null: the handler reads every layout of the type
        return this;
    }

    @Override
    public RecordingReader onEveryEvent(Consumer<JfrEvent> handler) {
        every = handler;
        return this;
    }

    /** The size of the chunk this reader is set up for, while {@link #readChunks}' set-up runs; else 0. */
    public long chunkBytes() {
        return chunkBytes;
    }

    /**
     * Reads the whole file on the calling thread.
     *
     * @throws EOFException when the file ends inside a chunk
     * @throws DamagedRecordingException when the bytes do not follow the JFR format
     */
    public ReadNotes read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<ChunkPlace> places = ChunkPlace.of(channel);
            ReadNotes notes = ChunkPlace.unfinished(places);
            for (ChunkPlace place : ChunkPlace.readable(places)) {
                notes = notes.plus(readChunk(channel, place, places.get(0).clock()));
            }
            return notes;
        }
    }

    /**
     * Reads the file's chunks on up to {@code threads} threads. Each chunk gets a reader of its own, handed to
     * {@code setUp} to register its handlers and make the part that will hold what they gather; {@code chunkRead}
     * runs on the part on the same thread once the chunk is read; {@code merge} receives the parts in file order,
     * on the calling thread, while later chunks are still being read.
     *
     * @return what the read tolerated: undeclared event types, unfinished chunks
     * @throws EOFException when the file ends inside a chunk
     * @throws DamagedRecordingException when the bytes do not follow the JFR format
     */
    public static <P> ReadNotes readChunks(Path file, int threads, Function<RecordingReader, P> setUp,
                                      Consumer<P> chunkRead, Consumer<P> merge) throws IOException {
        return readChunks(List.of(file), threads, setUp, chunkRead, merge);
    }

    /**
     * As {@link #readChunks(Path, int, Function, Consumer, Consumer)} over the chunks of several files in turn, as
     * if they were one file: the chunk files of a JFR repository, which {@code jfr assemble} would concatenate.
     */
    public static <P> ReadNotes readChunks(List<Path> files, int threads, Function<RecordingReader, P> setUp,
                                      Consumer<P> chunkRead, Consumer<P> merge) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "loomscope-jfr-reader");
            thread.setDaemon(true);
            return thread;
        });
        // A reader per thread, so that each keeps one chunk buffer; its handlers are set anew for every chunk.
        ThreadLocal<RecordingReader> readers = ThreadLocal.withInitial(RecordingReader::new);
        ReadNotes notes = ReadNotes.NONE;
        // Times convert from the first chunk's clock base, as they would in the one file made of them all.
        Chunk.Clock clock = null;
        try {
            for (Path file : files) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    List<ChunkPlace> all = ChunkPlace.of(channel);
                    notes = notes.plus(ChunkPlace.unfinished(all));
                    List<ChunkPlace> places = ChunkPlace.readable(all);
                    if (places.isEmpty()) {
                        continue;
                    }
                    clock = clock == null ? places.get(0).clock() : clock;
                    notes = notes.plus(readPlaces(channel, places, clock, pool, readers, threads, setUp, chunkRead,
                                                  merge));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return notes;
    }

    private static <P> ReadNotes readPlaces(FileChannel channel, List<ChunkPlace> places, Chunk.Clock clock,
                                            ExecutorService pool, ThreadLocal<RecordingReader> readers, int threads,
                                            Function<RecordingReader, P> setUp, Consumer<P> chunkRead,
                                            Consumer<P> merge) throws IOException {
        ReadNotes notes = ReadNotes.NONE;
        Deque<Future<Read<P>>> reading = new ArrayDeque<>();
        Iterator<ChunkPlace> next = places.iterator();
        try {
            while (next.hasNext() || !reading.isEmpty()) {
                // One chunk more than threads in flight: memory stays at a few chunk buffers.
                while (next.hasNext() && reading.size() <= threads) {
                    ChunkPlace place = next.next();
                    reading.add(pool.submit(() -> {
                        RecordingReader reader = readers.get();
                        reader.chunkBytes = place.size();
                        reader.handlers.clear();
                        reader.decoders.clear();
                        reader.every = event -> { };
                        P part = setUp.apply(reader);
                        ReadNotes chunkNotes = reader.readChunk(channel, place, clock);
                        chunkRead.accept(part);
                        return new Read<>(part, chunkNotes);
                    }));
                }
                Read<P> read = await(reading.removeFirst());
                notes = notes.plus(read.notes());
                merge.accept(read.part());
            }
        } finally {
            // After a failed chunk the later ones in flight are not wanted: cancelled, their results dropped.
            reading.forEach(future -> future.cancel(true));
        }
        return notes;
    }

    /** A chunk's part and what reading it tolerated. */
    private record Read<P>(P part, ReadNotes notes) {
    }

    private static <P> P await(Future<P> part) throws IOException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private ReadNotes readChunk(FileChannel channel, ChunkPlace place, Chunk.Clock clock) throws IOException {
        if (buffer.length < place.size()) {
            buffer = new byte[place.size()];
        }
        ChunkPlace.readFully(channel, ByteBuffer.wrap(buffer, 0, place.size()), place.position());
        Bytes bytes = new Bytes(buffer, place.size());
        undeclared.clear();
        readEvents(new Chunk(bytes, clock), bytes);
        if (undeclared.isEmpty()) {
            return ReadNotes.NONE;
        }
        Map<Long, Long> types = new java.util.TreeMap<>();
        undeclared.forEach((LongLongProcedure) types::put);
        return new ReadNotes(types, 0);
    }

    private void readEvents(Chunk chunk, Bytes bytes) {
        LongObjectHashMap<EventLayout> layouts = new LongObjectHashMap<>();
        // Type ids are small numbers in the JDK's recordings (a few thousand with an application's own types): an
        // array finds a layout without hashing.
        EventLayout[] byId = new EventLayout[LAYOUTS_BY_ID];
        fields.in(chunk, bytes);
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
                EventLayout layout = typeId < LAYOUTS_BY_ID ? byId[(int) typeId] : layouts.get(typeId);
                if (layout == null) {
                    if (!declared(chunk, typeId)) {
                        // The JDK's parser skips such events too; jfr summary lists them as missing metadata.
                        undeclared.addTo(typeId, 1);
                        bytes.position(start + size);
                        continue;
                    }
                    layout = layout(chunk, typeId);
                    if (typeId < LAYOUTS_BY_ID) {
                        byId[(int) typeId] = layout;
                    } else {
                        layouts.put(typeId, layout);
                    }
                }
                ChunkEvent event = layout.event;
                if (layout.decoder != null) {
                    event.readTimes(chunk, layout, bytes);
                    fields.of(layout);
                    layout.decoder.decode(event.startNanos(), event.endNanos(), fields);
                } else if (layout.handler != null) {
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

    private static boolean declared(Chunk chunk, long typeId) {
        return chunk.metadata().type(typeId) != null;
    }

    private EventLayout layout(Chunk chunk, long typeId) {
        JfrType type = chunk.metadata().type(typeId);
        if (type.fields().isEmpty() || !type.fields().get(0).name().equals("startTime")) {
            throw new DamagedRecordingException("an event of type " + type.name() + ", which is not an event type");
        }
        return new EventLayout(type, chunk.metadata(), handlers.get(type.name()), decoders.get(type.name()));
    }
}
