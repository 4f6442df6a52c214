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
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The class-data-sharing archive of the relaunched JVM: its classes, parsed and verified once, are mapped from a
 * file beside the jar instead of being loaded again on every run (0.2 s of 0.7 s for a small report here, 0.3 s of
 * CPU on a large one). The JVM writes the archive at the first run's exit ({@code -XX:+AutoCreateSharedArchive},
 * JDK 19+) and maps it on later ones.
 *
 * <p>The file's name carries a checksum of the JDK and of the jar and its {@code libs/}: a rebuilt jar or another
 * JDK gets a new archive instead of one the JVM would refuse with a warning (JDK 25 keeps a stale archive rather than
 * writing it anew), and the archives of earlier builds are deleted.
 */
final class ClassArchive {

    private static final String PREFIX = "loomscope-jfr-";
    private static final String SUFFIX = ".jsa";
    /** The first four bytes of a dynamic archive, HotSpot's {@code CDS_DYNAMIC_ARCHIVE_MAGIC} in native order. */
    private static final int DYNAMIC_MAGIC = 0xf00baba8;

    private ClassArchive() {
    }

    /**
     * The JVM flags that use the archive for a JVM with {@code classPath}, run from {@code javaHome} of
     * {@code vmVersion}; none where the class path is not one jar in a writable directory (the JVM cannot archive
     * classes from directories), or where the JDK has no base archive (the JVM would warn).
     */
    static List<String> flags(String classPath, Path javaHome, String vmVersion) {
        try {
            Path jar = Path.of(classPath).toAbsolutePath();
            Path dir = jar.getParent();
            if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")
                || !Files.isRegularFile(jar) || dir == null || !Files.isWritable(dir)
                || !Files.isRegularFile(javaHome.resolve("lib/server/classes.jsa"))) {
                return List.of();
            }
            Path archive = dir.resolve(PREFIX + checksum(jar, javaHome, vmVersion) + SUFFIX);
            deleteOthers(dir, archive);
            if (Files.exists(archive) && !startsWithMagic(archive)) {
                Files.delete(archive); // not an archive (a write cut short): the JVM writes it again at exit
            }
            // Unified logging writes warnings to standard output, where the report goes: an archive the JVM cannot
            // map (address space layout, a half-written file) is used without a word, as no archive.
            return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off");
        } catch (IOException | RuntimeException e) {
            return List.of(); // no archive: the JVM loads its classes as it would without one
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

    private static boolean startsWithMagic(Path archive) throws IOException {
        try (FileChannel channel = FileChannel.open(archive)) {
            ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
            return channel.read(head, 0) == 4 && head.getInt(0) == DYNAMIC_MAGIC;
        }
    }

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
