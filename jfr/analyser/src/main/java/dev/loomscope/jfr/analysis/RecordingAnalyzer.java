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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import dev.loomscope.jfr.read.DamagedRecordingException;
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

    private RecordingAnalyzer() {
    }

    /** Analyses {@code files}, one report each and one over all, keeping up to {@link Timeline#DEFAULT_CAP} spans. */
    public static Analysis analyze(List<Path> files) throws RecordingException {
        return analyze(files, Timeline.DEFAULT_CAP);
    }

    /** Analyses {@code files}, keeping at most {@code timelineCap} spans of each kind per file for timelines. */
    public static Analysis analyze(List<Path> files, int timelineCap) throws RecordingException {
        checkLookLikeRecordings(files);
        List<Report> reports = new ArrayList<>();
        List<Timeline> timelines = new ArrayList<>();
        SliceLanes lanes = null;
        // With several files a second accumulator sees every event, so peaks over consecutive files stay exact.
        EventAccumulator all = files.size() > 1 ? new EventAccumulator() : null;
        for (Path file : files) {
            EventAccumulator one = new EventAccumulator();
            read(file, one, all, EventAccumulator::register);
            reports.add(one.report(List.of(file.toString())));
            timelines.add(one.timeline(file.toString(), timelineCap));
            if (timelineCap > 0 && timelines.size() == 1) {
                lanes = one.sliceLanes();
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
            EventAccumulator one = new EventAccumulator();
            read(file, one, null, EventAccumulator::registerPinning);
            facts.add(one.pinningFacts(file.toString()));
        }
        return List.copyOf(facts);
    }

    /** Reads the file's chunks apart and merges them; {@code register} sets each chunk's handlers on its part. */
    private static void read(Path file, EventAccumulator one, EventAccumulator all,
                             BiConsumer<EventAccumulator, RecordingReader> register) throws RecordingException {
        one.beginFile();
        if (all != null) {
            all.beginFile();
        }
        try {
            // Chunks are read apart on every core and merged in file order: a report equals that of one pass.
            // Chunks of one file are alike in size: a part starts with room for a little more than the largest yet.
            AtomicInteger largestPart = new AtomicInteger(256);
            ReadNotes notes = RecordingReader.readChunks(file, READER_THREADS, reader -> {
                EventAccumulator part = EventAccumulator.forChunk(largestPart.get() + largestPart.get() / 8);
                register.accept(part, reader);
                return part;
            }, EventAccumulator::chunkRead, part -> {
                largestPart.accumulateAndGet(part.spanCount(), Math::max);
                one.merge(part);
                if (all != null) {
                    all.merge(part);
                }
            });
            one.noteRead(notes);
            if (all != null) {
                all.noteRead(notes);
            }
        } catch (UnsupportedFormatException e) {
            throw new RecordingException(file + " is in " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new RecordingException(file + " is truncated or damaged (" + e.getMessage() + ")", e);
        } catch (DamagedRecordingException e) {
            throw new RecordingException(file + " is truncated or damaged (it holds " + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new RecordingException("cannot read " + file + ": " + e.getMessage(), e);
        }
        one.endFile();
        if (all != null) {
            all.endFile();
        }
    }

    private static void checkLookLikeRecordings(List<Path> files) throws RecordingException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files");
        }
        for (Path file : files) {
            checkLooksLikeRecording(file);
        }
    }

    private static void checkLooksLikeRecording(Path file) throws RecordingException {
        if (Files.isDirectory(file)) {
            throw new RecordingException(file + " is a directory, not a JFR recording");
        }
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
