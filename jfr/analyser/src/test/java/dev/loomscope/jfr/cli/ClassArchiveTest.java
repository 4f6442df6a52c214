package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {

    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final String VM = System.getProperty("java.vm.version");
    private static final String MAP = "-XX:SharedArchiveFile=";
    private static final String WRITE = "-XX:ArchiveClassesAtExit=";

    @Test
    void aFirstRunWritesUnderANameOfItsOwnAndPublishingGivesItTheArchivesName(@TempDir Path dir) throws Exception {
        Path jar = jarWithLibs(dir);
        ClassArchive first = forBuild(jar);
        Path writing = flag(first, WRITE);
        assertThat(writing.getParent()).isEqualTo(dir);
        assertThat(flag(first, WRITE)).doesNotExist();

        Files.write(writing, dynamicArchiveHead()); // what the JVM does at its exit
        first.publish();
        ClassArchive second = forBuild(jar);

        Path archive = flag(second, MAP);
        assertThat(archive.getFileName().toString()).startsWith("loomscope-jfr-").endsWith(".jsa");
        assertThat(archive).exists();
        assertThat(writing).doesNotExist();
        assertThat(second.flags()).contains("-Xlog:cds*=off");
    }

    @Test
    void aWriteCutShortIsNotPublishedAndACorruptArchiveIsWrittenAgain(@TempDir Path dir) throws Exception {
        Path jar = jarWithLibs(dir);
        ClassArchive first = forBuild(jar);
        Files.writeString(flag(first, WRITE), "cut short");
        first.publish();
        assertThat(flag(first, WRITE)).as("dropped").doesNotExist();
        assertThat(forBuild(jar).flags()).as("still none to map")
                .anyMatch(flag -> flag.startsWith(WRITE));

        Files.write(flag(first, WRITE), dynamicArchiveHead());
        first.publish();
        Path archive = flag(forBuild(jar), MAP);
        Files.writeString(archive, "not an archive");
        assertThat(forBuild(jar).flags()).anyMatch(flag -> flag.startsWith(WRITE));
        assertThat(archive).doesNotExist();
    }

    @Test
    void aRebuiltLibraryOrAnotherJdkGetsANewArchiveAndTheOldOneIsDeleted(@TempDir Path dir) throws Exception {
        Path jar = jarWithLibs(dir);
        Path old = published(jar);

        Files.setLastModifiedTime(dir.resolve("libs/picocli.jar"), FileTime.fromMillis(1_000_000));
        Path rebuilt = flag(forBuild(jar), WRITE);

        assertThat(rebuilt.getFileName().toString()).doesNotStartWith(old.getFileName().toString().replace(".jsa", ""));
        assertThat(old).doesNotExist();
        assertThat(flag(ClassArchive.forJvm(jar.toString(), JAVA_HOME, VM + "-other", List.of(), true), WRITE).getFileName().toString())
                .isNotEqualTo(rebuilt.getFileName().toString());
    }

    @Test
    void usersRunsMapAnArchiveButNeverWriteOne(@TempDir Path dir) throws Exception {
        Path jar = jarWithLibs(dir);
        assertThat(ClassArchive.forJvm(jar.toString(), JAVA_HOME, VM, List.of(), false).flags()).as("none yet")
                .isEmpty();
        Path archive = published(jar);
        assertThat(ClassArchive.forJvm(jar.toString(), JAVA_HOME, VM, List.of(), false).flags())
                .containsExactly(MAP + archive, "-Xlog:cds*=off", "-XX:+DisplayVMOutputToStderr");
    }

    @Test
    void classDirectoriesSeveralEntriesJdksWithoutABaseArchiveAndTheUsersOwnSharingGetNone(@TempDir Path dir) throws Exception {
        Path jar = jarWithLibs(dir);
        assertThat(ClassArchive.forJvm(dir.toString(), JAVA_HOME, VM, List.of(), true).flags()).as("a directory").isEmpty();
        assertThat(ClassArchive.forJvm(jar + File.pathSeparator + jar, JAVA_HOME, VM, List.of(), true).flags()).isEmpty();
        assertThat(ClassArchive.forJvm(dir.resolve("missing.jar").toString(), JAVA_HOME, VM, List.of(), true).flags()).isEmpty();
        assertThat(ClassArchive.forJvm(jar.toString(), dir, VM, List.of(), true).flags()).as("no lib/server/classes.jsa").isEmpty();
        assertThat(ClassArchive.forJvm(jar.toString(), JAVA_HOME, VM, List.of("-Xmx2g", "-Xshare:off"), true).flags())
                .as("the user's own sharing").isEmpty();
        assertThat(ClassArchive.forJvm(jar.toString(), JAVA_HOME, VM, List.of("-XX:SharedArchiveFile=mine.jsa"), true).flags())
                .isEmpty();
    }

    private static Path published(Path jar) throws Exception {
        ClassArchive first = forBuild(jar);
        Files.write(flag(first, WRITE), dynamicArchiveHead());
        first.publish();
        return flag(forBuild(jar), MAP);
    }

    private static Path jarWithLibs(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("libs"));
        Files.writeString(dir.resolve("libs/picocli.jar"), "a library");
        return Files.writeString(dir.resolve("loomscope-jfr.jar"), "the tool");
    }

    private static Path flag(ClassArchive archive, String prefix) {
        return archive.flags().stream().filter(flag -> flag.startsWith(prefix)).findFirst()
                .map(flag -> Path.of(flag.substring(prefix.length()))).orElseThrow(
                        () -> new AssertionError("no " + prefix + " in " + archive.flags()));
    }

    private static byte[] dynamicArchiveHead() {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(0xf00baba8).array();
    }

    /** The archive as the build's run sees it: this JDK, no options of the user's, writing allowed. */
    private static ClassArchive forBuild(Path jar) {
        return ClassArchive.forJvm(jar.toString(), JAVA_HOME, VM, List.of(), true);
    }
}
