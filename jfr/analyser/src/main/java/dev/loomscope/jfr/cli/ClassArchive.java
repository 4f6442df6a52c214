package dev.loomscope.jfr.cli;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The class-data-sharing archive of the relaunched JVM: its classes, parsed and verified once, are mapped from a
 * file beside the jar instead of being loaded again on every run (0.2 s of 0.7 s for a small report here, 0.3 s of
 * CPU on a large one). The build writes it, with a report of a small recording run by the jar it just packaged and
 * {@code -Dloomscope.jfr.writeClassArchive=true}: the JVM writes it at its exit ({@code -XX:ArchiveClassesAtExit})
 * under a name of its own, which {@link #publish()} then gives the archive's name in one move. Users' runs only map
 * it: a JVM that fails to write its archive at exit ends with exit code 1 whatever the program chose
 * ("Unrecoverable archive loading error"), which must never be a user's report or check.
 *
 * <p>The archive's name carries a checksum of the JDK and of the jar and its {@code libs/}: a rebuilt jar or another
 * JDK gets a new archive instead of one the JVM would refuse (JDK 25 only warns in its log, {@code timestamp has
 * changed}, and runs without), and the archives of earlier builds are deleted.
 */
final class ClassArchive {

    private static final String PREFIX = "loomscope-jfr-";
    private static final String SUFFIX = ".jsa";
    private static final String WRITING = ".writing";
    /** The first four bytes of a dynamic archive, HotSpot's {@code CDS_DYNAMIC_ARCHIVE_MAGIC} in native order. */
    private static final int DYNAMIC_MAGIC = 0xf00baba8;
    private static final ClassArchive NONE = new ClassArchive(List.of(), null, null);
    private static final String QUIET = "-Xlog:cds*=off";
    private static final String TO_STDERR = "-XX:+DisplayVMOutputToStderr";
    private static final List<String> USERS_OWN = List.of("-Xshare", "-XX:SharedArchiveFile", "-XX:ArchiveClassesAtExit",
            "-XX:+AutoCreateSharedArchive", "-XX:-UseSharedSpaces", "-XX:AOT");

    private final List<String> flags;
    private final Path writing;
    private final Path archive;

    private ClassArchive(List<String> flags, Path writing, Path archive) {
        this.flags = flags;
        this.writing = writing;
        this.archive = archive;
    }

    /**
     * The archive of a JVM with {@code classPath}, run from {@code javaHome} of {@code vmVersion}: none where the
     * class path is not one jar (the JVM cannot archive classes from directories), where the JDK has no base
     * archive to add to (the JVM would warn), or where {@code jvmOptions}, the user's, already say how to share
     * classes. With {@code write}, where there is no archive yet and the jar's directory is writable, the flags make
     * the JVM write it.
     */
    static ClassArchive forJvm(String classPath, Path javaHome, String vmVersion, List<String> jvmOptions,
                               boolean write) {
        for (String option : jvmOptions) {
            if (USERS_OWN.stream().anyMatch(option::startsWith)) {
                return NONE;
            }
        }
        try {
            Path jar = Path.of(classPath).toAbsolutePath();
            Path dir = jar.getParent();
            if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar") || !Files.isRegularFile(jar)
                || dir == null || !Files.isRegularFile(javaHome.resolve("lib/server/classes.jsa"))) {
                return NONE;
            }
            String name = PREFIX + checksum(jar, javaHome, vmVersion);
            Path archive = dir.resolve(name + SUFFIX);
            boolean writable = Files.isWritable(dir); // an installed, read-only copy can still map the build's archive
            if (writable) {
                deleteOthers(dir, archive);
            }
            // Unified logging and the VM's own messages go to standard output, where the report goes: an archive
            // the JVM cannot map (another address space layout) is then used without a word, as no archive.
            if (Files.isRegularFile(archive) && startsWithMagic(archive)) {
                return new ClassArchive(List.of("-XX:SharedArchiveFile=" + archive, QUIET, TO_STDERR), null, archive);
            }
            if (!writable) {
                return NONE;
            }
            Files.deleteIfExists(archive); // not an archive: written by something else, or cut short
            if (!write) {
                return NONE;
            }
            Path writing = dir.resolve(name + SUFFIX + WRITING);
            return new ClassArchive(List.of("-XX:ArchiveClassesAtExit=" + writing, QUIET, TO_STDERR), writing, archive);
        } catch (IOException | RuntimeException e) {
            return NONE; // no archive: the JVM loads its classes as it would without one
        }
    }

    /** The JVM flags that map the archive, or that write it at exit. */
    List<String> flags() {
        return flags;
    }

    /** After the JVM given the flags exited: the archive it wrote, if whole, takes the archive's name. */
    void publish() {
        if (writing == null) {
            return;
        }
        try {
            if (Files.isRegularFile(writing) && startsWithMagic(writing)) {
                Files.move(writing, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(writing);
        } catch (IOException | RuntimeException e) {
            // The next run writes it again.
        }
    }

    /** What the JVM checks an archive against, in one number: the JDK, and the size and time of every jar. */
    private static String checksum(Path jar, Path javaHome, String vmVersion) throws IOException {
        CRC32 crc = new CRC32();
        List<String> parts = new ArrayList<>(List.of(javaHome.toString(), vmVersion));
        List<Path> jars = new ArrayList<>(List.of(jar));
        Path libs = jar.resolveSibling("libs");
        if (Files.isDirectory(libs)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(libs, "*.jar")) {
                entries.forEach(jars::add);
            }
        }
        jars.sort(null);
        for (Path each : jars) {
            parts.add(each + " " + Files.size(each) + " " + Files.getLastModifiedTime(each).toMillis());
        }
        parts.forEach(part -> crc.update(part.getBytes(StandardCharsets.UTF_8)));
        return Long.toHexString(crc.getValue());
    }

    private static boolean startsWithMagic(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
            return channel.read(head, 0) == 4 && head.getInt(0) == DYNAMIC_MAGIC;
        }
    }

    /** Deletes the archives of other builds and JDKs. */
    private static void deleteOthers(Path dir, Path archive) throws IOException {
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
            for (Path each : old) {
                if (!each.equals(archive)) {
                    Files.deleteIfExists(each);
                }
            }
        }
    }
}
