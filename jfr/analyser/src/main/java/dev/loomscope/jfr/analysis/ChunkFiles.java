package dev.loomscope.jfr.analysis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files one source names: a recording file itself, or the {@code .jfr} chunk files of a JFR repository
 * directory (the JDK's disk repository, {@code <date>_<pid>/}), in time order, read as one recording.
 */
final class ChunkFiles {

    /** Where a chunk header keeps its start time, nanoseconds since the epoch. */
    private static final int START_NANOS = 32;

    private ChunkFiles() {
    }

    /** {@code source} alone, or its directory's .jfr files by the start time of their first chunk, then name. */
    static List<Path> of(Path source) throws RecordingException {
        if (!Files.isDirectory(source)) {
            return List.of(source);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(source)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".jfr") && Files.isRegularFile(file))
                    .sorted(Comparator.comparingLong(ChunkFiles::startNanos).thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new RecordingException("cannot list " + source + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new RecordingException(source + " is a directory with no .jfr files; give a recording, or a JFR"
                                         + " repository directory of .jfr chunk files");
        }
        return files;
    }

    /** The first chunk's start; a file too short to say sorts first, to be refused by name when read. */
    private static long startNanos(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bytes = ByteBuffer.allocate(Long.BYTES);
            return channel.read(bytes, START_NANOS) == Long.BYTES ? bytes.flip().getLong() : Long.MIN_VALUE;
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }
}
