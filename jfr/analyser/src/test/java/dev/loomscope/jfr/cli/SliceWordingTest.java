package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loomscope.jfr.Fixtures;
import org.junit.jupiter.api.Test;

/** A recording of any application with the recorder on: its carriers come from the slices, not from loomscope's events. */
class SliceWordingTest {

    @Test
    void aPlainProgramWithTheRecorderGetsAVerdictAndCarriersFromItsSlices() {
        Cli.Result result = Cli.run("report", Fixtures.PLAIN_SLICES.toString());
        assertThat(result.code()).isZero();
        assertThat(result.out()).doesNotContain("Cannot tell")
                .doesNotContain("carriers         needs loomscope.ServerRequest");
        assertThat(result.out().lines().filter(line -> line.startsWith("  verdict"))).singleElement().asString()
                .contains("The recorder's slices show ").contains("201 virtual threads taking turns on 2 carriers in 401 slices; ")
                .contains("so requests and client calls are not told apart. 1 pin on 1 virtual thread held a carrier for ");
        assertThat(result.out()).contains("  carriers         2 running the recorder's slices (scheduler parallelism 2) (see slices)");
    }

    @Test
    void aRecordingWithoutSlicesKeepsItsCannotTellVerdict() {
        Cli.Result result = Cli.run("report", Fixtures.DIRECTORY.resolve("plain-jdk-no-loomscope.jfr").toString());
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("verdict          Cannot tell: the recording has no loomscope.ServerRequest");
    }
}
