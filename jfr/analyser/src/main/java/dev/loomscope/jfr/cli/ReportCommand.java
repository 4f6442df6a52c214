package dev.loomscope.jfr.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.loomscope.cli.DurationConverter;
import dev.loomscope.cli.Tools;
import dev.loomscope.jfr.analysis.Analysis;
import dev.loomscope.jfr.analysis.RecordingAnalyzer;
import dev.loomscope.jfr.analysis.RecordingException;
import dev.loomscope.jfr.analysis.Timeline;
import dev.loomscope.jfr.html.HtmlReport;
import dev.loomscope.jfr.render.JsonRenderer;
import dev.loomscope.jfr.render.TextRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loomscope-jfr report}: carriers, virtual threads, requests, client calls and pinning, as text or JSON. */
@Command(name = "report",
         description = "Reports carriers, virtual threads, requests, client calls and pinning in JFR recordings, each"
                       + " file on its own and then all together, with a verdict in plain words.",
         sortOptions = false,
         usageHelpWidth = Tools.HELP_WIDTH,
         footerHeading = "%nExample usage:%n",
         footer = {"  java -jar jfr/analyser/target/loomscope-jfr.jar report loomscope.jfr",
                   "  java -jar jfr/analyser/target/loomscope-jfr.jar report --format json -o report.json loomscope.jfr",
                   "  java -jar jfr/analyser/target/loomscope-jfr.jar report --format html -o report.html loomscope.jfr",
                   "  java -jar jfr/analyser/target/loomscope-jfr.jar report monday.jfr tuesday.jfr", ""})
final class ReportCommand implements Callable<Integer> {

    enum Format { text, json, html }

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "JFR recordings (.jfr) to read")
    private List<Path> files;

    @Option(names = "--format", paramLabel = "text|json|html", defaultValue = "text",
            description = "Output format (default: ${DEFAULT-VALUE}); html is one self-contained page with a carrier"
                          + " timeline and JMC's automated analysis")
    private Format format;

    /**
     * Recordings above this many bytes get no JMC rules unless asked for: on a 216 MB server recording they took
     * 30 of the page's 37 s and 4.6 GB of its 4.6 GB peak (docs/html-report.md).
     */
    private static final String JMC_RULES_UP_TO_BYTES = "loomscope.jfr.jmcRulesUpToBytes";

    @Option(names = "--jmc-rules", negatable = true,
            description = "With --format html, run JDK Mission Control's rules on the files (default: on up to"
                          + " 100 MB of recordings, off above: they take most of the time and memory on large"
                          + " files); --jmc-rules runs them on any size, --no-jmc-rules skips them")
    private Boolean jmcRules;

    @Option(names = "--timeline-from", paramLabel = "D", defaultValue = "0s", converter = DurationConverter.class,
            description = "With --format html, draw the carrier timeline's slices (at most 40,000 requests) from D after"
                          + " the recording's start, e.g. 60s; the rest is drawn per time bucket (default: ${DEFAULT-VALUE})")
    private Duration timelineFrom;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the report to OUT instead of stdout")
    private Path output;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit")
    private boolean help;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (format == Format.html && output == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--format html writes a page: name it with -o, e.g. -o report.html");
        }
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> notRegular = RegularFiles.problem(files);
        if (notRegular.isPresent()) {
            err.println(spec.qualifiedName() + ": " + notRegular.get());
            return Tools.BAD_DATA;
        }
        Progress progress = Progress.of(err, spec.qualifiedName(), files);
        Analysis analysis;
        try {
            // Only the HTML page draws timelines; choosing their earliest spans is work the other formats skip.
            analysis = RecordingAnalyzer.analyze(files, format == Format.html ? Timeline.DEFAULT_CAP : 0, timelineFrom,
                                                 progress.analysisSteps());
        } catch (RecordingException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return Tools.BAD_DATA;
        }
        String jmcNotRun = jmcNotRun();
        progress.step("rendering " + format + (format == Format.html && jmcNotRun == null
                ? " (JMC's rules read the files again; --no-jmc-rules skips them)..." : "..."));
        if (output == null) {
            try {
                render(analysis, spec.commandLine().getOut());
            } catch (IOException e) {
                err.println(spec.qualifiedName() + ": cannot write the report: " + e.getMessage());
                return Tools.BAD_DATA;
            }
            return 0;
        }
        try (Writer writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            PrintWriter out = new PrintWriter(writer);
            render(analysis, out);
            if (out.checkError()) {
                throw new IOException("write failed");
            }
        } catch (IOException e) {
            err.println(spec.qualifiedName() + ": cannot write " + output + ": " + e.getMessage());
            return Tools.BAD_DATA;
        }
        progress.step("wrote " + output);
        return 0;
    }

    /** Why the page has no JMC findings, or null when JMC's rules run. */
    private String jmcNotRun() {
        if (Boolean.FALSE.equals(jmcRules)) {
            return "JMC's rules were not run (--no-jmc-rules).";
        }
        long upTo = Long.getLong(JMC_RULES_UP_TO_BYTES, 100L << 20);
        if (jmcRules == null && Progress.bytes(files) > upTo) {
            return "JMC's rules were not run: the recordings hold " + Progress.size(files) + ", over "
                   + (upTo >> 20) + " MB, where they take most of the time and memory (30 s and"
                   + " 4.6 GB on a 216 MB recording); --jmc-rules runs them.";
        }
        return null;
    }

    private void render(Analysis analysis, PrintWriter out) throws IOException {
        switch (format) {
            case text -> new TextRenderer().render(analysis, out);
            case json -> new JsonRenderer().render(analysis, out);
            case html -> HtmlReport.write(analysis, new JsonRenderer().tree(analysis.combined()), files, jmcNotRun(),
                                          out);
        }
        out.flush();
    }
}
