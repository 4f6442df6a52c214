package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.loomscope.jfr.Fixtures;

class C1RelaunchTest {

    private static final String FILE = Fixtures.TWO_HOPS.toString();

    @Test
    void reportsAndChecksOnRecordingsFromTheThresholdOnAreRelaunched() throws Exception {
        long size = Files.size(Fixtures.TWO_HOPS);
        assertThat(C1Relaunch.wanted(new String[] {"report", FILE}, size)).isTrue();
        assertThat(C1Relaunch.wanted(new String[] {"check", "--max-pinned", "0", FILE}, size)).isTrue();
        assertThat(C1Relaunch.wanted(new String[] {"report", "--format", "json", FILE, FILE}, 2 * size)).isTrue();
    }

    @Test
    void smallRecordingsOtherCommandsAndMissingFilesStayInThisJvm() throws Exception {
        long size = Files.size(Fixtures.TWO_HOPS);
        assertThat(C1Relaunch.wanted(new String[] {"report", FILE}, size + 1)).isFalse();
        assertThat(C1Relaunch.wanted(new String[] {"check", FILE}, size + 1)).isFalse();
        assertThat(C1Relaunch.wanted(new String[] {"--version", FILE}, 0)).isFalse();
        assertThat(C1Relaunch.wanted(new String[] {"report", "no-such.jfr"}, 1)).isFalse();
        assertThat(C1Relaunch.wanted(new String[] {"report"}, 0)).isFalse();
    }

    @Test
    void hugePagesAreAskedForOnlyWhereTheKernelGivesThemOnRequest(@TempDir Path dir) throws Exception {
        Path mode = dir.resolve("enabled");
        Files.writeString(mode, "always [madvise] never\n");
        assertThat(C1Relaunch.hugePagesOnRequest(mode)).as("madvise").isTrue();
        Files.writeString(mode, "[always] madvise never\n");
        assertThat(C1Relaunch.hugePagesOnRequest(mode)).as("always: the kernel gives them anyway").isFalse();
        Files.writeString(mode, "always madvise [never]\n");
        assertThat(C1Relaunch.hugePagesOnRequest(mode)).as("never: the JVM would warn").isFalse();
        assertThat(C1Relaunch.hugePagesOnRequest(dir.resolve("missing"))).as("no such file").isFalse();
    }
}
