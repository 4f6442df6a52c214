package dev.loomscope.jfr.analysis;

/**
 * What {@code check} gates on, for one file: read by {@link RecordingAnalyzer#pinningFacts}, a pass that decodes
 * only the pinning, submit-failure and settings events and skips the rest by their size.
 *
 * @param source         the file
 * @param pinning        pins grouped as in the report; null when jdk.VirtualThreadPinned was not recorded
 * @param submitFailures null when jdk.VirtualThreadSubmitFailed was not recorded
 * @param unfinishedChunks chunks still being written when the file was copied: their later events are missing
 * @param slices         the loomscope recorder's slices, without the request join; null without slices
 * @param recorder       the recorder's status; null when the recording has none
 */
public record PinningFacts(String source, Report.Pinning pinning, Report.SubmitFailures submitFailures,
                           int unfinishedChunks, Slices slices, Report.Recorder recorder) {
}
