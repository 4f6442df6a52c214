package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void aJarGetsAnArchiveBesideItNamedForItsBuildAndTheJdk(@TempDir Path dir) throws Exception {
        Path jar = jarWithLibs(dir);
        Path archive = archive(ClassArchive.flags(jar.toString(), JAVA_HOME, VM));

        assertThat(archive.getParent()).isEqualTo(dir);
        assertThat(archive.getFileName().toString()).startsWith("loomscope-jfr-").endsWith(".jsa");
        assertThat(ClassArchive.flags(jar.toString(), JAVA_HOME, VM)).as("same build, same JDK")
                .contains("-XX:SharedArchiveFile=" + archive);
        assertThat(archive(ClassArchive.flags(jar.toString(), JAVA_HOME, VM + "-other"))).as("another JDK")
                .isNotEqualTo(archive);
    }

    @Test
    void aRebuiltJarOrLibraryGetsANewArchiveAndTheOldOneIsDeleted(@TempDir Path dir) throws Exception {
        Path jar = jarWithLibs(dir);
        Path first = archive(ClassArchive.flags(jar.toString(), JAVA_HOME, VM));
        Files.write(first, dynamicMagic());

        Files.setLastModifiedTime(dir.resolve("libs/picocli.jar"), FileTime.fromMillis(1_000_000));
        Path second = archive(ClassArchive.flags(jar.toString(), JAVA_HOME, VM));

        assertThat(second).isNotEqualTo(first);
        assertThat(first).doesNotExist();
    }

    @Test
    void anArchiveWithoutTheDynamicMagicIsDeletedSoThatTheJvmWritesItAgain(@TempDir Path dir) throws Exception {
        Path jar = jarWithLibs(dir);
        Path archive = archive(ClassArchive.flags(jar.toString(), JAVA_HOME, VM));
        Files.writeString(archive, "cut short");
        ClassArchive.flags(jar.toString(), JAVA_HOME, VM);
        assertThat(archive).doesNotExist();

        Files.write(archive, dynamicMagic());
        ClassArchive.flags(jar.toString(), JAVA_HOME, VM);
        assertThat(archive).as("a real archive's head").exists();
    }

    @Test
    void classDirectoriesSeveralEntriesAndJdksWithoutABaseArchiveGetNone(@TempDir Path dir) throws Exception {
        Path jar = jarWithLibs(dir);
        assertThat(ClassArchive.flags(dir.toString(), JAVA_HOME, VM)).as("a directory").isEmpty();
        assertThat(ClassArchive.flags(jar + java.io.File.pathSeparator + jar, JAVA_HOME, VM)).isEmpty();
        assertThat(ClassArchive.flags(dir.resolve("missing.jar").toString(), JAVA_HOME, VM)).isEmpty();
        assertThat(ClassArchive.flags(jar.toString(), dir, VM)).as("no lib/server/classes.jsa").isEmpty();
    }

    private static Path jarWithLibs(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("libs"));
        Files.writeString(dir.resolve("libs/picocli.jar"), "a library");
        return Files.writeString(dir.resolve("loomscope-jfr.jar"), "the tool");
    }

    private static Path archive(List<String> flags) {
        assertThat(flags).contains("-XX:+AutoCreateSharedArchive");
        return flags.stream().filter(flag -> flag.startsWith("-XX:SharedArchiveFile=")).findFirst()
                .map(flag -> Path.of(flag.substring("-XX:SharedArchiveFile=".length()))).orElseThrow();
    }

    private static byte[] dynamicMagic() {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(0xf00baba8).array();
    }
}
