package dev.loomscope.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks at start-up that the recording file can be written, so the mistake shows before the server runs for hours
 * and not when it stops: JFR itself only opens the destination when the recording is written.
 */
final class RecordingDestination {

    private RecordingDestination() {
    }

    /** Throws {@link BadSettingException} naming {@code app.recording.file} when {@code file} cannot be written. */
    static void check(Path file) {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent != null && !Files.exists(parent)) {
            throw refused(file, parent + " does not exist");
        }
        if (parent != null && !Files.isDirectory(parent)) {
            throw refused(file, parent + " is not a directory");
        }
        if (Files.isDirectory(absolute)) {
            throw refused(file, absolute + " is a directory");
        }
        boolean existed = Files.exists(absolute);
        // Opening for writing is the only test that holds for root, read-only mounts and ACLs alike; nothing is
        // truncated, and a file made only for the test is removed again so a crash leaves no empty recording.
        try (FileChannel ignored = FileChannel.open(absolute, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            // opened
        } catch (FileSystemException e) {
            throw refused(file, e.getReason() != null ? e.getReason() : e.getClass().getSimpleName());
        } catch (IOException e) {
            throw refused(file, e.getMessage());
        } finally {
            if (!existed) {
                try {
                    Files.deleteIfExists(absolute);
                } catch (IOException e) {
                    // The empty file stays; the recording overwrites it at the stop.
                }
            }
        }
    }

    private static BadSettingException refused(Path file, String reason) {
        return new BadSettingException("app.recording.file", file.toString(), "cannot write there (" + reason + ")");
    }
}
