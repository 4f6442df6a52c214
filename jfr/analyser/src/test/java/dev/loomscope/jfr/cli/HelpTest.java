package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Help texts: the workflow without arguments, pasteable examples at the end of each command's help. */
class HelpTest {

    @Test
    void noArgumentsExplainsRecordReportCheckAndExits2() {
        Cli.Result result = Cli.run();
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("loomscope-jfr: missing command" + System.lineSeparator())
                .contains("1. record", "2. report", "3. check",
                          "java -jar jfr/analyser/target/loomscope-jfr.jar report loomscope.jfr");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void versionNamesTheToolAndTheBuild() {
        Cli.Result result = Cli.run("--version");
        assertThat(result.code()).isZero();
        assertThat(result.out()).matches("loomscope-jfr \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
    }

    @Test
    void helpIsOneHundredTwentyColumnsWide() {
        Cli.Result result = Cli.run("report", "--help");
        assertThat(result.out().lines().mapToInt(String::length).max().orElseThrow()).isLessThanOrEqualTo(120);
        assertThat(Cli.run("--help").out()).contains("Usage: loomscope-jfr", "-V, --version");
    }

    @Test
    void reportHelpEndsWithExampleUsage() {
        assertEndsWithExamples(Cli.run("report", "--help"), "report");
    }

    @Test
    void checkHelpEndsWithExampleUsage() {
        assertEndsWithExamples(Cli.run("check", "--help"), "check");
    }

    @Test
    void topHelpEndsWithExampleUsageOfBothCommands() {
        Cli.Result result = Cli.run("--help");
        assertThat(result.code()).isZero();
        List<String> lines = result.out().strip().lines().toList();
        List<String> examples = lines.subList(lines.indexOf("Example usage:") + 1, lines.size());
        assertThat(examples).hasSize(2)
                .allSatisfy(line -> assertThat(line).startsWith("  java -jar jfr/analyser/target/loomscope-jfr.jar "));
    }

    private static void assertEndsWithExamples(Cli.Result result, String command) {
        assertThat(result.code()).isZero();
        List<String> lines = result.out().strip().lines().toList();
        int heading = lines.indexOf("Example usage:");
        assertThat(heading).isPositive();
        List<String> examples = lines.subList(heading + 1, lines.size());
        assertThat(examples).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("  java -jar jfr/analyser/target/loomscope-jfr.jar " + command + " "));
    }
}
