package dev.loomscope.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Keeps JFR's disk repository, where a running recording's chunks live, next to the recording file, and points to
 * the chunks a killed server left behind.
 *
 * <p>A server killed with SIGKILL writes no recording file, but the chunks it recorded stay in the repository. JFR
 * puts that in a directory named after the date and the pid under {@code java.io.tmpdir}, where nobody looks; here it
 * is {@code <file>.repository/<date>_<pid>/}. JFR deletes the directory of a JVM that exits normally, so one whose
 * process is gone is what a crash left: it is reported, never deleted.
 */
final class RecordingRepository {

    private static final Logger LOGGER = Logger.getLogger(RecordingRepository.class.getName());

    private RecordingRepository() {
    }

    /** {@code <file>.repository}, beside the recording file. */
    static Path beside(Path file) {
        Path absolute = file.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".repository");
    }

    /** Reports what dead servers left in {@code repository}, then makes JFR keep this process's chunks there. */
    static void use(Path repository) throws IOException {
        reportLeftovers(repository);
        Files.createDirectories(repository);
        try {
            // The jcmd JFR.configure command in-process: the public jdk.jfr API has no setter for the repository.
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "jfrConfigure",
                    new Object[] {new String[] {"repositorypath=" + repository}},
                    new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IOException("cannot move the JFR repository to " + repository + ": " + e.getMessage(), e);
        }
    }

    private static void reportLeftovers(Path repository) throws IOException {
        if (!Files.isDirectory(repository)) {
            return;
        }
        try (Stream<Path> directories = Files.list(repository)) {
            for (Path directory : directories.filter(Files::isDirectory).sorted().toList()) {
                long pid = pid(directory);
                if (pid > 0 && ProcessHandle.of(pid).isEmpty() && chunks(directory) > 0) {
                    LOGGER.warning("a server (pid " + pid + ") ended without writing its recording; its "
                                           + chunks(directory) + " chunks are in " + directory
                                           + "; assemble them with: jfr assemble " + directory + " recovered.jfr, then"
                                           + " java -jar loomscope-jfr.jar report recovered.jfr (the JDK's jfr tool"
                                           + " stops at the last chunk, which the crash left unfinished)");
                }
            }
        }
    }

    // JFR names the directory <yyyy_MM_dd_HH_mm_ss>_<pid>.
    private static long pid(Path directory) {
        String name = directory.getFileName().toString();
        try {
            return Long.parseLong(name.substring(name.lastIndexOf('_') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long chunks(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> chunks = files.filter(file -> file.getFileName().toString().endsWith(".jfr")).toList();
            return chunks.size();
        }
    }
}
