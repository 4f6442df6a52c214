package dev.loomscope.jfr.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.loomscope.jfr.Fixtures;
import dev.loomscope.jfr.fixtures.PatchedRecordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The analysis gives the same report and timelines whether loomscope's reader or the JDK's RecordingFile reads. */
class ReadersAgreeTest {

    @TempDir
    Path dir;

    static Stream<Path> fixtures() {
        // The recordings of today's server and recorder too: loomscope's reader decodes their busiest types field
        // by field (FieldDecoder), the JDK's through the handlers.
        return Stream.of(Stream.of(Fixtures.ALL), Stream.of(Fixtures.JDK17, Fixtures.HTTP1_AND_H2C,
                                                            Fixtures.ONE_REQUEST_PER_H2C_CONNECTION),
                         Stream.of(Fixtures.WITH_SLICES)).flatMap(s -> s);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void theJdkReaderGivesTheSameAnalysisAsTheOwnReader(Path file) throws Exception {
        Analysis own = RecordingAnalyzer.analyze(List.of(file), 1000, RecordingAnalyzer.Reader.OWN);
        Analysis jdk = RecordingAnalyzer.analyze(List.of(file), 1000, RecordingAnalyzer.Reader.JDK);
        assertThat(own.combined().recording().reader()).isEqualTo(Report.RecordingFacts.OWN_READER);
        assertThat(jdk.combined().recording().reader()).isEqualTo(Report.RecordingFacts.JDK_READER);
        assertThat(withoutReader(jdk.combined())).isEqualTo(withoutReader(own.combined()));
        assertThat(jdk.timelines()).isEqualTo(own.timelines());
    }

    @Test
    void twoFilesGiveTheSameCombinedReportThroughEitherReader() throws Exception {
        List<Path> files = List.of(Fixtures.HOP_AND_FANOUT, Fixtures.PINNING_CLASS_INIT);
        Report own = RecordingAnalyzer.analyze(files, 1000, RecordingAnalyzer.Reader.OWN).combined();
        Report jdk = RecordingAnalyzer.analyze(files, 1000, RecordingAnalyzer.Reader.JDK).combined();
        assertThat(withoutReader(jdk)).isEqualTo(withoutReader(own));
    }

    @Test
    void aFormatTheOwnReaderRefusesIsReadByTheJdkReaderAndSaidSo() throws Exception {
        Path file = PatchedRecordings.formatOne(Fixtures.PLAIN_NO_LOOMSCOPE, dir.resolve("jdk9.jfr"));
        Report fallback = RecordingAnalyzer.analyze(List.of(file), 1000, RecordingAnalyzer.Reader.AUTO).combined();
        Report original = RecordingAnalyzer.analyze(List.of(Fixtures.PLAIN_NO_LOOMSCOPE), 1000,
                                                    RecordingAnalyzer.Reader.OWN).combined();
        assertThat(fallback.recording().reader()).isEqualTo(Report.RecordingFacts.JDK_READER);
        assertThat(fallback.recording().readerNote()).isEqualTo("loomscope's reader refused it: " + file
                + " is in JFR format version 1.0 (JDK 9/10), which is not supported; this reader reads 2.x (JDK 11+)");
        assertThat(fallback.virtualThreads()).isEqualTo(original.virtualThreads());
        assertThat(fallback.pinning()).isEqualTo(original.pinning());
    }

    /** The report with the reader facts set aside, and sources too (the same file under one name). */
    private static Report withoutReader(Report report) {
        Report.RecordingFacts facts = report.recording();
        Report.RecordingFacts same = new Report.RecordingFacts(facts.jdk(), facts.start(), facts.end(),
                facts.durationMillis(), facts.loomscopeEvents(), facts.unfinishedChunks(), facts.undeclaredTypes(),
                Report.RecordingFacts.OWN_READER, null);
        return new Report(report.sources(), same, report.carriers(), report.virtualThreads(), report.requests(),
                          report.clientCalls(), report.pinning(), report.submitFailures(), report.connections(),
                          report.slices(),
                          report.recorder(), report.missing(),
                          report.verdict());
    }
}
