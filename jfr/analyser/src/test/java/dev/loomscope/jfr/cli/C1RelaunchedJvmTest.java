package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.loomscope.jfr.Fixtures;

/** The relaunch end to end: a real second JVM, its compiler flags, its output and its exit code. */
class C1RelaunchedJvmTest {

    private record Run(int code, List<String> out) {
        /** The values of a flag in each -XX:+PrintFlagsFinal table printed, one per JVM. */
        List<String> flag(String name) {
            return out.stream().filter(line -> line.matches("\\s*\\S+\\s+" + name + "\\s+=.*"))
                    .map(line -> line.replaceAll(".*=\\s*(\\S+).*", "$1")).toList();
        }

        List<String> withoutFlags() {
            return out.stream().filter(line -> !line.contains(" = ") && !line.startsWith("[Global flags]")).toList();
        }
    }

    private static Run run(String... options) throws IOException, InterruptedException {
        return run(List.of(options), "check", Fixtures.PINNING_CLASS_INIT.toString());
    }

    private static Run run(List<String> options, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+PrintFlagsFinal"));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoomscopeJfr.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] out = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
            return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8).lines().toList());
        } finally {
            process.destroyForcibly();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Could fail if the second JVM lacked C1's flags, lost the child's exit code or output, or relaunched again. */
    @Test
    void aCheckFromTheThresholdOnRunsInASecondJvmWithC1OnlyAndItsExitCodeAndOutput() throws Exception {
        Run relaunched = run("-Dloomscope.jfr.c1FromBytes=0");
        Run inOneJvm = run("-Dloomscope.jfr.c1=false");

        assertThat(relaunched.flag("TieredStopAtLevel")).as("launcher, then child").containsExactly("4", "1");
        assertThat(relaunched.flag("C1MaxInlineSize")).containsExactly("35", "60");
        String hugePages = Boolean.toString(C1Relaunch.hugePagesOnRequest(
                Path.of("/sys/kernel/mm/transparent_hugepage/enabled")));
        assertThat(relaunched.flag("UseTransparentHugePages")).containsExactly("false", hugePages);
        assertThat(inOneJvm.flag("TieredStopAtLevel")).containsExactly("4");
        assertThat(relaunched.code()).isEqualTo(1).isEqualTo(inOneJvm.code());
        assertThat(relaunched.withoutFlags()).hasSize(2).isEqualTo(inOneJvm.withoutFlags());
    }

    /** Could fail if the early read in the second JVM (begun before parsing) changed what report says. */
    @Test
    void aRelaunchedReportWithItsEarlyReadSaysWhatOneJvmSays() throws Exception {
        String file = Fixtures.SERVER_SLICES.toString();
        Run relaunched = run(List.of("-Dloomscope.jfr.c1FromBytes=0"), "report", "--format", "json", file);
        Run inOneJvm = run(List.of("-Dloomscope.jfr.c1=false"), "report", "--format", "json", file);

        assertThat(relaunched.flag("TieredStopAtLevel")).containsExactly("4", "1");
        assertThat(relaunched.code()).isZero();
        assertThat(relaunched.withoutFlags()).isNotEmpty().isEqualTo(inOneJvm.withoutFlags());
    }
}
