package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loomscope.jfr.Fixtures;
import org.junit.jupiter.api.Test;

class CheckCommandTest {

    @Test
    void pinsOverTheDefaultLimitsExit1() {
        Cli.Result result = Cli.run("check", Fixtures.PINNING_CLASS_INIT.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out().lines()).hasSize(2);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void withinLimitsExit0WithOneLinePerFile() {
        Cli.Result result = Cli.run("check", "--max-pinned", "4", "--max-pinned-time", "1s",
                                    Fixtures.PINNING_CLASS_INIT.toString());
        assertThat(result.code()).isZero();
        assertThat(result.out().lines()).containsExactly(Fixtures.PINNING_CLASS_INIT
                + ": ok, 4 pins of 1 ms or more (at most 4), 118 ms pinned (at most 1s), 0 submit failures (at most 0)");
    }

    @Test
    void pinnedTimeAloneCanFail() {
        Cli.Result result = Cli.run("check", "--max-pinned", "100", "--max-pinned-time", "100ms",
                                    Fixtures.PINNING_CLASS_INIT.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out().lines()).singleElement().asString()
                .contains("pinned for 118 ms in total, more than --max-pinned-time 100ms");
    }

    @Test
    void eachFileIsCheckedOnItsOwn() {
        Cli.Result result = Cli.run("check", "--max-pinned", "1", "--max-pinned-time", "1s",
                                    Fixtures.PLAIN_NO_LOOMSCOPE.toString(), Fixtures.PINNING_CLASS_INIT.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out().lines()).singleElement().asString()
                .startsWith(Fixtures.PINNING_CLASS_INIT + ": 4 pins of 1 ms or more, more than --max-pinned 1");
    }
}
