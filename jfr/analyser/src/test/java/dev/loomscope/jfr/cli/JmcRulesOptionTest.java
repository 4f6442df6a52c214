package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.loomscope.jfr.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JMC's rules run by default on the HTML page; --no-jmc-rules leaves them out and says so on the page. */
class JmcRulesOptionTest {

    @TempDir
    Path dir;

    @Test
    void htmlPageRunsJmcRulesByDefault() throws Exception {
        Path page = dir.resolve("with.html");
        Cli.Result result = Cli.run("report", "--format", "html", "-o", page.toString(),
                                    Fixtures.PLAIN_NO_LOOMSCOPE.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(Files.readString(page)).contains("JDK Mission Control 9.1 rules (");
    }

    @Test
    void noJmcRulesLeavesThemOutAndSaysSo() throws Exception {
        Path page = dir.resolve("without.html");
        Cli.Result result = Cli.run("report", "--format", "html", "--no-jmc-rules", "-o", page.toString(),
                                    Fixtures.PLAIN_NO_LOOMSCOPE.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(Files.readString(page)).contains("JMC's rules were not run (--no-jmc-rules).")
                .doesNotContain("JDK Mission Control 9.1 rules (");
    }

    @Test
    void bigRecordingsGetNoJmcRulesUnlessAskedForAndThePageSaysWhy() throws Exception {
        System.setProperty("loomscope.jfr.jmcRulesUpToBytes", "1000"); // every fixture is "big"
        try {
            Path page = dir.resolve("big.html");
            Cli.Result result = Cli.run("report", "--format", "html", "-o", page.toString(),
                                        Fixtures.PLAIN_NO_LOOMSCOPE.toString());
            assertThat(result.code()).as(result.err()).isZero();
            assertThat(Files.readString(page)).contains("JMC's rules were not run: the recordings hold 0 MB, over 0 MB,")
                    .contains("--jmc-rules runs them.").doesNotContain("JDK Mission Control 9.1 rules (");
            Path asked = dir.resolve("asked.html");
            result = Cli.run("report", "--format", "html", "--jmc-rules", "-o", asked.toString(),
                             Fixtures.PLAIN_NO_LOOMSCOPE.toString());
            assertThat(result.code()).as(result.err()).isZero();
            assertThat(Files.readString(asked)).contains("JDK Mission Control 9.1 rules (");
        } finally {
            System.clearProperty("loomscope.jfr.jmcRulesUpToBytes");
        }
    }
}
