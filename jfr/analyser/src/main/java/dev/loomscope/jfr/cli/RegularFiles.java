package dev.loomscope.jfr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Refuses named files that are neither regular files nor directories, before anything opens them: opening a FIFO
 * for reading blocks until a writer comes, and the analyser reads a recording more than once, which a pipe
 * ({@code <(zcat x.jfr.gz)}) or a device cannot give.
 */
final class RegularFiles {

    // st_mode file-type bits (POSIX <sys/stat.h>), read through the JDK's "unix" attribute view where it exists.
    private static final int TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private RegularFiles() {
    }

    /** The first of {@code files} that exists and is not a regular file or directory, as a one-line problem. */
    static Optional<String> problem(List<Path> files) {
        for (Path file : files) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException e) {
                continue; // missing or unreadable: the reader names it
            }
            if (attributes.isOther()) {
                return Optional.of(file + " is not a regular file (" + kind(file)
                                   + "); save the recording to a file first");
            }
        }
        return Optional.empty();
    }

    private static String kind(Path file) {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(file, "unix:mode");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "not a file or directory";
        }
        return switch (mode & TYPE_MASK) {
            case FIFO -> "a pipe";
            case CHARACTER_DEVICE, BLOCK_DEVICE -> "a device";
            case SOCKET -> "a socket";
            default -> "not a file or directory";
        };
    }
}
