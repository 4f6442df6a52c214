package dev.loomscope.jfr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.loomscope.cli.DurationConverter;
import dev.loomscope.cli.Tools;
import dev.loomscope.jfr.analysis.Formats;
import dev.loomscope.jfr.analysis.PinMethods;
import dev.loomscope.jfr.analysis.PinningFacts;
import dev.loomscope.jfr.analysis.RecordingAnalyzer;
import dev.loomscope.jfr.analysis.RecordingException;
import dev.loomscope.jfr.analysis.Report;
import dev.loomscope.jfr.analysis.Slices;
import dev.loomscope.jfr.analysis.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code loomscope-jfr check}: exit 1 when a recording exceeds limits on pinning, submit failures or the
 * scheduler's ready-to-mount delay, or when its slices break an invariant (a recorder bug).
 */
@Command(name = "check",
         description = "Checks JFR recordings against limits: exits 0 when every file is within them, 1 with one"
                       + " line per limit exceeded. The defaults allow no pin and no submit failure. A recording with"
                       + " the loomscope recorder's slices also fails when they break an invariant (a carrier running"
                       + " two slices at once, a virtual thread on two carriers at once).",
         sortOptions = false,
         usageHelpWidth = Tools.HELP_WIDTH,
         footerHeading = "%nExample usage:%n",
         footer = {"  java -jar jfr/analyser/target/loomscope-jfr.jar check loomscope.jfr",
                   "  java -jar jfr/analyser/target/loomscope-jfr.jar check --max-pinned 5 --max-pinned-time 20ms loomscope.jfr",
                   "  java -jar jfr/analyser/target/loomscope-jfr.jar check --max-submit-failures 0 *.jfr",
                   "  java -jar jfr/analyser/target/loomscope-jfr.jar check --max-pinned 5 --max-scheduler-delay p99=5ms app.jfr",
                   ""})
final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "JFR recordings (.jfr) to check")
    private List<Path> files;

    @Option(names = "--max-pinned", paramLabel = "N", defaultValue = "0",
            description = "Most jdk.VirtualThreadPinned events allowed per file (default: ${DEFAULT-VALUE})")
    private long maxPinned;

    @Option(names = "--max-pinned-time", paramLabel = "D", defaultValue = "0ms", converter = DurationConverter.class,
            description = "Most time virtual threads may stay pinned per file, summed, e.g. 20ms, 1s"
                          + " (default: ${DEFAULT-VALUE})")
    private Duration maxPinnedTime;

    @Option(names = "--max-submit-failures", paramLabel = "N", defaultValue = "0",
            description = "Most jdk.VirtualThreadSubmitFailed events allowed per file (default: ${DEFAULT-VALUE})")
    private long maxSubmitFailures;

    @Option(names = "--max-scheduler-delay", paramLabel = "P=D", converter = DelayLimit.Converter.class,
            description = "Most ready-to-mount delay (wake-up to the next slice) at a percentile, e.g. p99=5ms;"
                          + " p50, p90, p99, p99.9 or max; repeatable. Needs the loomscope recorder's slices")
    private List<DelayLimit> maxSchedulerDelay = List.of();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit")
    private boolean help;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (maxPinned < 0 || maxSubmitFailures < 0) {
            throw new ParameterException(spec.commandLine(), "limits must be 0 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        Optional<String> notRegular = RegularFiles.problem(files);
        if (notRegular.isPresent()) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + notRegular.get());
            return Tools.BAD_DATA;
        }
        List<PinningFacts> recordings;
        try {
            recordings = RecordingAnalyzer.pinningFacts(files);
        } catch (RecordingException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return Tools.BAD_DATA;
        }
        List<String> violations = new ArrayList<>();
        for (PinningFacts recording : recordings) {
            violations.addAll(violations(recording));
        }
        if (violations.isEmpty()) {
            for (PinningFacts recording : recordings) {
                out.println(recording.source() + ": ok, " + summary(recording));
            }
            out.flush();
            return 0;
        }
        violations.forEach(out::println);
        out.flush();
        return Tools.BAD_DATA;
    }

    /** One line per limit the recording exceeds. */
    List<String> violations(PinningFacts recording) {
        String file = recording.source();
        List<String> lines = new ArrayList<>();
        if (recording.unfinishedChunks() > 0) {
            lines.add(file + ": cannot check: the file was copied while the JVM was still writing it, so events after"
                      + " its last flush are missing (check the recording once it has stopped)");
        }
        Report.Pinning pinning = recording.pinning();
        if (pinning == null) {
            lines.add(file + ": cannot check pinning: jdk.VirtualThreadPinned was not recorded"
                      + " (record with loomscope.jfc)");
        } else {
            String where = pinning.groups().isEmpty() ? "" : " (most time in " + PinMethods.hottest(pinning) + ")";
            if (pinning.count() > maxPinned) {
                lines.add(file + ": " + pins(pinning) + ", more than --max-pinned " + maxPinned + where);
            }
            if (pinning.totalMillis() > maxPinnedTime.toNanos() / 1e6) {
                lines.add(String.format(Locale.ROOT, "%s: virtual threads were pinned for %s in total, more than"
                                                     + " --max-pinned-time %s%s", file, Formats.millis(pinning.totalMillis()),
                                        DurationConverter.format(maxPinnedTime), where));
            }
        }
        Report.SubmitFailures failures = recording.submitFailures();
        if (failures == null) {
            lines.add(file + ": cannot check submit failures: jdk.VirtualThreadSubmitFailed was not recorded"
                      + " (record with loomscope.jfc)");
        } else if (failures.count() > maxSubmitFailures) {
            lines.add(file + ": " + failures.count() + " virtual thread submit failures, more than"
                      + " --max-submit-failures " + maxSubmitFailures);
        }
        lines.addAll(sliceViolations(recording));
        return lines;
    }

    /** The slice gates: the invariants whenever there are slices, the delay limits when given. */
    private List<String> sliceViolations(PinningFacts recording) {
        String file = recording.source();
        List<String> lines = new ArrayList<>();
        Slices slices = recording.slices();
        if (slices == null) {
            if (!maxSchedulerDelay.isEmpty()) {
                Report.Recorder recorder = recording.recorder();
                lines.add(file + ": cannot check --max-scheduler-delay: no slices recorded; "
                          + (recorder == null
                             ? "run with the loomscope agent (-javaagent:loomscope-agent.jar) and loomscope.jfc"
                             : recorder.off() ? "the loomscope recorder was off: " + recorder.reason()
                             : "the loomscope recorder was on but recorded none"));
            }
            return lines;
        }
        Slices.Invariants invariants = slices.invariants();
        if (!invariants.holds()) {
            lines.add(file + ": recorder bug: " + invariants.carrierOverlaps() + " overlapping slices on one carrier, "
                      + invariants.virtualThreadOverlaps() + " of one virtual thread on two carriers at once"
                      + (invariants.examples().isEmpty() ? "" : "; first: " + invariants.examples().get(0)));
        }
        if (!maxSchedulerDelay.isEmpty() && slices.scheduler().readyDelayMillis() == null) {
            lines.add(file + ": cannot check --max-scheduler-delay: no wake-up is followed by a slice of its thread"
                      + " (loomscope.VirtualThreadWakeup off?)");
            return lines;
        }
        for (DelayLimit limit : maxSchedulerDelay) {
            double millis = limit.of(slices.scheduler().readyDelayMillis());
            if (millis > limit.limit().toNanos() / 1e6) {
                lines.add(String.format(Locale.ROOT, "%s: scheduler delay %s was %s, more than --max-scheduler-delay"
                                                     + " %s (wake-up to mount: carriers were busy)", file,
                                        limit.name(), Formats.millis(millis), limit));
            }
        }
        return lines;
    }

    /** ", scheduler delay p99 0.2 ms (at most 5ms), slice invariants hold" when the file has slices. */
    private String sliceSummary(PinningFacts recording) {
        Slices slices = recording.slices();
        if (slices == null) {
            return "";
        }
        StringBuilder summary = new StringBuilder(", " + Formats.count(slices.count()) + " slices");
        for (DelayLimit limit : maxSchedulerDelay) {
            summary.append(", scheduler delay ").append(limit.name()).append(' ')
                    .append(Formats.millis(limit.of(slices.scheduler().readyDelayMillis())))
                    .append(" (at most ").append(DurationConverter.format(limit.limit())).append(')');
        }
        return summary.append(", slice invariants hold").toString();
    }

    private String summary(PinningFacts recording) {
        Report.Pinning pinning = recording.pinning();
        String pins = pinning.count() == 0 && pinning.threshold() != null
                ? "n" + Verdict.noPin(pinning).substring(1)
                : pins(pinning) + " (at most " + maxPinned + ")";
        return String.format(Locale.ROOT, "%s, %s pinned (at most %s), %d submit failures (at most %d)", pins,
                             Formats.millis(pinning.totalMillis()), DurationConverter.format(maxPinnedTime),
                             recording.submitFailures().count(), maxSubmitFailures) + sliceSummary(recording);
    }

    /** "180 pins on 100 virtual threads", with the threshold below which pins were not recorded. */
    private static String pins(Report.Pinning pinning) {
        return pinning.count() + (pinning.count() == 1 ? " pin" : " pins")
               + (pinning.threshold() == null ? "" : " of " + pinning.threshold() + " or more")
               + (pinning.count() == 0 ? "" : " on " + Formats.counted(pinning.threads(), "virtual thread"));
    }
}
