package dev.loomscope.jfr.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.loomscope.jfr.Fixtures;

/** A read begun before the command line is parsed: taken over by the analysis of its file, and only by that one. */
class EarlyReadTest {

    private static final Path FILE = Fixtures.SERVER_SLICES;

    /** Could fail if the early read gathered other than a read made when asked, or were not handed over. */
    @Test
    void theReportOfAFileTakesOverItsEarlyReadAndSaysWhatAReadNowWould() throws Exception {
        Report now = RecordingAnalyzer.analyze(List.of(FILE)).combined();

        EarlyRead.begin(FILE, EarlyRead.Purpose.REPORT);
        EventAccumulator early = EarlyRead.take(FILE, EarlyRead.Purpose.REPORT);

        assertThat(early).as("handed over").isNotNull();
        assertThat(early.report(List.of(FILE.toString()))).isEqualTo(now);
        assertThat(EarlyRead.take(FILE, EarlyRead.Purpose.REPORT)).as("handed over once").isNull();
    }

    @Test
    void anEarlyReadOfAnotherFileOrForAnotherCommandIsStoppedNotHandedOver() throws Exception {
        EarlyRead.begin(FILE, EarlyRead.Purpose.REPORT);
        assertThat(EarlyRead.take(FILE, EarlyRead.Purpose.CHECK)).as("check asks").isNull();
        assertThat(EarlyRead.take(FILE, EarlyRead.Purpose.REPORT)).as("stopped, not kept for later").isNull();

        EarlyRead.begin(FILE, EarlyRead.Purpose.REPORT);
        assertThat(EarlyRead.take(Fixtures.PLAIN_SLICES, EarlyRead.Purpose.REPORT)).as("another file").isNull();
        assertThat(EarlyRead.take(FILE, EarlyRead.Purpose.REPORT)).isNull();
    }

    @Test
    void aTruncatedFileFailsTheTakeWithTheMessageOfAReadNow(@TempDir Path dir) throws Exception {
        byte[] whole = Files.readAllBytes(Fixtures.HOP_AND_FANOUT);
        Path half = Files.write(dir.resolve("half.jfr"), Arrays.copyOf(whole, whole.length / 2));
        String now = catchThrowableOfType(RecordingException.class,
                () -> RecordingAnalyzer.readAlone(half, EarlyRead.Purpose.REPORT)).getMessage();

        EarlyRead.begin(half, EarlyRead.Purpose.REPORT);

        assertThatThrownBy(() -> EarlyRead.take(half, EarlyRead.Purpose.REPORT))
                .isInstanceOf(RecordingException.class).hasMessage(now).hasMessageContaining("truncated or damaged");
    }
}
