package dev.loomscope.jfr.analysis;

import java.nio.file.Path;

/** Hears which step of the work on which recording starts: progress lines for reports that take seconds. */
public interface AnalysisSteps {

    /** Hears nothing. */
    AnalysisSteps NONE = new AnalysisSteps() {
        @Override
        public void reading(Path file) {
        }

        @Override
        public void analysing(Path file) {
        }
    };

    /** The events of {@code file} are about to be read. */
    void reading(Path file);

    /** The events of {@code file} are read; what they say is about to be worked out. */
    void analysing(Path file);
}
