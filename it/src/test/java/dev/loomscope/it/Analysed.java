package dev.loomscope.it;

import java.nio.file.Path;
import java.util.List;

import dev.loomscope.jfr.analysis.RecordingAnalyzer;
import dev.loomscope.jfr.analysis.Report;

/** The jfr module's analyser, through its library API, as the second reading of each recording. */
final class Analysed {

    private Analysed() {
    }

    static Report report(Path recording) throws Exception {
        return RecordingAnalyzer.analyze(List.of(recording)).combined();
    }
}
