package dev.loomscope.client.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Help texts: the workflow without arguments, --version, pasteable examples at the end of each help. */
class HelpTest {

    private static final String JAR = "java -jar client/load/target/loomscope-client.jar";

    @Test
    void noArgumentsExplainsServeLoadReadAndExits2() {
        Cli.Result result = Cli.run();
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("loomscope-client: missing command" + System.lineSeparator())
                .contains("1. serve", "2. load", "3. read", JAR + " load http://127.0.0.1:8080/ --duration 15s");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void versionNamesTheToolAndTheBuild() {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"load", "--version"})) {
            Cli.Result result = Cli.run(args);
            assertThat(result.code()).isZero();
            assertThat(result.out()).matches("loomscope-client \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
        }
    }

    @Test
    void loadHelpEndsWithExamplesThatPasteAndRun() {
        assertEndsWithExamples(Cli.run("load", "--help"));
    }

    @Test
    void topHelpEndsWithExamplesThatPasteAndRun() {
        assertEndsWithExamples(Cli.run("--help"));
    }

    @Test
    void helpIsOneHundredTwentyColumnsWideLikeTheAnalysers() {
        Cli.Result result = Cli.run("load", "--help");
        List<String> body = result.out().lines().takeWhile(line -> !line.equals("Example usage:")).toList();
        assertThat(body.stream().mapToInt(String::length).max().orElseThrow()).isBetween(100, 120);
    }

    private static void assertEndsWithExamples(Cli.Result result) {
        assertThat(result.code()).isZero();
        List<String> lines = result.out().strip().lines().toList();
        int heading = lines.indexOf("Example usage:");
        assertThat(heading).isPositive();
        assertThat(lines.subList(heading + 1, lines.size())).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("  " + JAR + " load http://127.0.0.1:8080/ "));
    }
}
