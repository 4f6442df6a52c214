package dev.loomscope.jfr.analysis;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import dev.loomscope.jfr.read.DamagedRecordingException;
import dev.loomscope.jfr.read.EventHandlers;
import dev.loomscope.jfr.read.JdkRecordingReader;
import dev.loomscope.jfr.read.ReadNotes;
import dev.loomscope.jfr.read.RecordingReader;
import dev.loomscope.jfr.read.UnsupportedFormatException;

/**
 * Reads JFR recordings in one streaming pass each and answers where virtual threads, requests and client calls ran.
 *
 * <p>Works on any recording: sections that need loomscope's events are left out (see {@link Report#missing()}).
 */
public final class RecordingAnalyzer {

    private static final byte[] MAGIC = {'F', 'L', 'R', 0};
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
    /**
     * Threads that read chunks: one per processor up to 8, or {@code -Dloomscope.jfr.readers=N}. Each holds a chunk
     * and its part (tens of MB), so many cores would cost memory sooner than they save time.
     */
    private static final int READER_THREADS = Math.max(1, Integer.getInteger("loomscope.jfr.readers",
            Math.min(8, Runtime.getRuntime().availableProcessors())));

    /** Which reader reads: own (refusals stand), jdk (always RecordingFile), auto (own, RecordingFile if refused). */
    enum Reader { AUTO, OWN, JDK }

    /** The reader, from {@code -Dloomscope.jfr.reader=auto|own|jdk} (auto by default), for the benchmark. */
    private static final Reader READER =
            Reader.valueOf(System.getProperty("loomscope.jfr.reader", "auto").toUpperCase(java.util.Locale.ROOT));

    /** Room made beyond what the first chunk's share of the file predicts: later chunks may hold more. */
    private static final double RESERVE_MARGIN = 1.05;

    private RecordingAnalyzer() {
    }

    private static long bytes(List<Path> files) throws IOException {
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        return total;
    }

    /** Analyses {@code files}, one report each and one over all, keeping up to {@link Timeline#DEFAULT_CAP} spans. */
    public static Analysis analyze(List<Path> files) throws RecordingException {
        return analyze(files, Timeline.DEFAULT_CAP);
    }

    /** Analyses {@code files}, keeping at most {@code timelineCap} spans of each kind per file for timelines. */
    public static Analysis analyze(List<Path> files, int timelineCap) throws RecordingException {
        return analyze(files, timelineCap, java.time.Duration.ZERO, READER, AnalysisSteps.NONE);
    }

    /**
     * As {@link #analyze(List, int)}, the timelines keeping the earliest spans from {@code timelineFrom} after each
     * recording's first event: the detail of a later window of a big recording.
     */
    public static Analysis analyze(List<Path> files, int timelineCap, java.time.Duration timelineFrom)
            throws RecordingException {
        return analyze(files, timelineCap, timelineFrom, AnalysisSteps.NONE);
    }

    /** As {@link #analyze(List, int, java.time.Duration)}, telling {@code steps} when each file's steps start. */
    public static Analysis analyze(List<Path> files, int timelineCap, java.time.Duration timelineFrom,
                                   AnalysisSteps steps) throws RecordingException {
        return analyze(files, timelineCap, timelineFrom, READER, steps);
    }

    /** As {@link #analyze(List, int)}, through the given reader. */
    static Analysis analyze(List<Path> files, int timelineCap, Reader reader) throws RecordingException {
        return analyze(files, timelineCap, java.time.Duration.ZERO, reader, AnalysisSteps.NONE);
    }

    private static Analysis analyze(List<Path> files, int timelineCap, java.time.Duration timelineFrom, Reader reader,
                                    AnalysisSteps steps) throws RecordingException {
        checkLookLikeRecordings(files);
        List<Report> reports = new ArrayList<>();
        List<Timeline> timelines = new ArrayList<>();
        SliceLanes lanes = null;
        // With several files a second accumulator sees every event, so peaks over consecutive files stay exact.
        EventAccumulator all = files.size() > 1 ? new EventAccumulator() : null;
        for (Path file : files) {
            steps.reading(file);
            EventAccumulator early = EarlyRead.take(all == null && reader == READER ? file : null,
                                                    EarlyRead.Purpose.REPORT);
            EventAccumulator one = early != null ? early : read(file, all, EventAccumulator::register, reader);
            steps.analysing(file);
            reports.add(one.report(List.of(file.toString())));
            // Without a cap there is no timeline to draw: its overview (peaks, latency buckets) is skipped too.
            if (timelineCap > 0) {
                timelines.add(one.timeline(file.toString(), timelineCap, timelineFrom.toNanos()));
                if (timelines.size() == 1) {
                    lanes = one.sliceLanes();
                }
            }
        }
        Report combined = all == null ? reports.get(0) : all.report(files.stream().map(Path::toString).toList());
        return new Analysis(List.copyOf(reports), combined, List.copyOf(timelines), lanes);
    }

    /**
     * The pinning and submit failures of each file, as {@link #analyze} reports them, from a pass that decodes only
     * those events and the settings: a gate for CI pipelines on large recordings.
     */
    public static List<PinningFacts> pinningFacts(List<Path> files) throws RecordingException {
        checkLookLikeRecordings(files);
        List<PinningFacts> facts = new ArrayList<>();
        for (Path file : files) {
            EventAccumulator early = EarlyRead.take(files.size() == 1 ? file : null, EarlyRead.Purpose.CHECK);
            EventAccumulator one = early != null ? early
                    : read(file, null, EventAccumulator::registerPinning, READER);
            facts.add(one.pinningFacts(file.toString()));
        }
        return List.copyOf(facts);
    }

    /**
     * Begins reading the one recording a report or check (with {@code check}) will ask for, while the command line
     * is still being parsed; the analysis takes the result over, or, asked for something else, stops it.
     */
    public static void beginEarlyRead(Path file, boolean check) {
        EarlyRead.begin(file, check ? EarlyRead.Purpose.CHECK : EarlyRead.Purpose.REPORT);
    }

    /** The read {@link #analyze} or {@link #pinningFacts} makes of {@code file} alone, for {@code purpose}. */
    static EventAccumulator readAlone(Path file, EarlyRead.Purpose purpose) throws RecordingException {
        return read(file, null, purpose == EarlyRead.Purpose.CHECK ? EventAccumulator::registerPinning
                : EventAccumulator::register, READER);
    }

    /**
     * Reads the file with loomscope's reader, chunks apart and merged, or, when that reader refuses a file the JDK's
     * reads (another format version, a clock or a structure it does not support), with the JDK's reader;
     * {@code register} sets the handlers. Returns what the file holds; {@code all}, when not null, gets it too.
     */
    private static EventAccumulator read(Path source, EventAccumulator all,
                                         BiConsumer<EventAccumulator, EventHandlers> register, Reader reader)
            throws RecordingException {
        List<Path> files = ChunkFiles.of(source);
        EventAccumulator one = new EventAccumulator();
        one.beginFile();
        if (all != null) {
            all.beginFile();
        }
        if (reader == Reader.JDK) {
            readWithJdk(files, one, all, register, "asked for with -Dloomscope.jfr.reader=jdk", null);
        } else {
            AtomicBoolean merged = new AtomicBoolean();
            try {
                readOwn(files, one, all, register, merged);
            } catch (UnsupportedFormatException | DamagedRecordingException e) {
                RecordingException refusal = refusal(source, e);
                // A fallback needs a fresh start: parts of this file merged into a report over several files
                // cannot be taken out again, so there the refusal stands.
                if (reader == Reader.OWN || (all != null && merged.get())) {
                    throw refusal;
                }
                one = new EventAccumulator();
                one.beginFile();
                readWithJdk(files, one, all, register, "loomscope's reader refused it: " + refusal.getMessage(),
                            refusal);
            } catch (EOFException e) {
                throw new RecordingException(source + " is truncated or damaged (" + e.getMessage() + ")", e);
            } catch (IOException e) {
                throw new RecordingException("cannot read " + source + ": " + e.getMessage(), e);
            }
        }
        one.endFile();
        if (all != null) {
            all.endFile();
        }
        return one;
    }

    private static void readOwn(List<Path> files, EventAccumulator one, EventAccumulator all,
                                BiConsumer<EventAccumulator, EventHandlers> register, AtomicBoolean merged)
            throws IOException {
        // Chunks are read apart on every core and merged in file order: a report equals that of one pass.
        // Chunks of one file are alike in size: a part starts with room for a little more than the largest yet.
        AtomicInteger largestPart = new AtomicInteger(256);
        AtomicInteger largestSlices = new AtomicInteger(64);
        long fileBytes = bytes(files);
        AtomicLong mergedBytes = new AtomicLong();
        ReadNotes notes = RecordingReader.readChunks(files, READER_THREADS, reader -> {
            EventAccumulator part = EventAccumulator.forChunk(largestPart.get() + largestPart.get() / 8,
                                                              largestSlices.get() + largestSlices.get() / 8);
            part.chunkBytes(reader.chunkBytes());
            register.accept(part, reader);
            return part;
        }, EventAccumulator::chunkRead, part -> {
            largestPart.accumulateAndGet(part.spanCount(), Math::max);
            largestSlices.accumulateAndGet(part.sliceCount(), Math::max);
            if (mergedBytes.getAndAdd(part.chunkBytes()) == 0 && part.chunkBytes() > 0) {
                // The whole file is made by copying its parts in: sized from the first, the arrays are not copied
                // again each time they would double.
                one.reserveLike(part, RESERVE_MARGIN * fileBytes / part.chunkBytes());
            }
            merged.set(true);
            one.merge(part);
            if (all != null) {
                all.merge(part);
            }
        });
        one.noteRead(notes);
        if (all != null) {
            all.noteRead(notes);
        }
    }

    /** Reads the files as one part through the JDK's RecordingFile; a failure there is {@code refusal}'s. */
    private static void readWithJdk(List<Path> files, EventAccumulator one, EventAccumulator all,
                                    BiConsumer<EventAccumulator, EventHandlers> register, String why,
                                    RecordingException refusal) throws RecordingException {
        EventAccumulator part = EventAccumulator.forChunk(256, 64);
        JdkRecordingReader reader = new JdkRecordingReader();
        register.accept(part, reader);
        for (Path file : files) {
            try {
                reader.read(file);
            } catch (IOException | RuntimeException e) {
                if (refusal != null) {
                    throw refusal;
                }
                throw new RecordingException("cannot read " + file + " with the JDK's reader: " + e.getMessage(), e);
            }
        }
        part.chunkRead();
        one.merge(part);
        one.noteJdkReader(why);
        if (all != null) {
            all.merge(part);
            all.noteJdkReader(why);
        }
    }

    private static RecordingException refusal(Path file, RuntimeException e) {
        if (e instanceof UnsupportedFormatException) {
            return new RecordingException(file + " is in " + e.getMessage(), e);
        }
        return new RecordingException(file + " is truncated or damaged (it holds " + e.getMessage() + ")", e);
    }

    private static void checkLookLikeRecordings(List<Path> files) throws RecordingException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files");
        }
        for (Path file : files) {
            checkLooksLikeRecording(file);
        }
    }

    private static void checkLooksLikeRecording(Path source) throws RecordingException {
        for (Path file : ChunkFiles.of(source)) {
            checkLooksLikeOneRecording(file);
        }
    }

    private static void checkLooksLikeOneRecording(Path file) throws RecordingException {
        byte[] head = new byte[MAGIC.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new RecordingException("no such file " + file, e);
        } catch (AccessDeniedException e) {
            throw new RecordingException("cannot read " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new RecordingException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (read == 0) {
            throw new RecordingException(file + " is empty, not a JFR recording");
        }
        if (read >= GZIP_MAGIC.length && head[0] == GZIP_MAGIC[0] && head[1] == GZIP_MAGIC[1]) {
            throw new RecordingException(file + " is gzip-compressed; gunzip it first");
        }
        if (read < MAGIC.length || !Arrays.equals(head, MAGIC)) {
            throw new RecordingException(file + " is not a JFR recording (it does not start with FLR)");
        }
    }
}
