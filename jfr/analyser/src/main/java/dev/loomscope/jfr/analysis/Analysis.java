package dev.loomscope.jfr.analysis;

import java.util.List;

/**
 * The result of {@link RecordingAnalyzer#analyze}: one report per file, one over all files, and per-file timelines.
 *
 * @param recordings one report per file, in the order given
 * @param combined   one report over all files (the single report itself when there is one file)
 * @param timelines  one timeline per file, same order as {@code recordings}, none when asked for a cap of 0; not part
 *                   of the JSON output
 * @param sliceLanes the first file's carrier lanes drawn from its slices, for the HTML page; null without slices or
 *                   when timelines were not asked for; not part of the JSON output
 */
public record Analysis(List<Report> recordings, Report combined, List<Timeline> timelines, SliceLanes sliceLanes) {

    /** An analysis without slice lanes. */
    public Analysis(List<Report> recordings, Report combined, List<Timeline> timelines) {
        this(recordings, combined, timelines, null);
    }
}
