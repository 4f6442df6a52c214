package dev.loomscope.client.load;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.loomscope.cli.BuildVersion;
import dev.loomscope.cli.DurationConverter;
import dev.loomscope.cli.Tools;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code loomscope-client load URL}: loads a server and prints what it measured. Exit 0 after a run, 1 when the
 * target cannot be reached, 2 for a command line that cannot be run.
 */
@Command(name = "load",
        mixinStandardHelpOptions = true,
        versionProvider = BuildVersion.class,
        sortOptions = false,
        usageHelpWidth = Tools.HELP_WIDTH,
        headerHeading = "",
        header = "Loads an HTTP server from virtual threads and measures it.",
        descriptionHeading = "%n",
        description = "Sends GET URL from virtual threads, one keep-alive connection each, in a closed loop "
                + "(or at --rate in an open loop, latency measured from each request's due time), reports every "
                + "second on stderr, then prints a table (or --json) on stdout. The run ends after --duration "
                + "or --requests. Exit 0 after a run, 1 when the target cannot be reached, 2 for a bad command line.",
        footerHeading = "%nExample usage:%n",
        footer = {
                "  java -jar client/load/target/loomscope-client.jar load http://127.0.0.1:8080/ -c 64 --duration 15s --warmup 5s",
                "  java -jar client/load/target/loomscope-client.jar load http://127.0.0.1:8080/ --requests 10000",
                "  java -jar client/load/target/loomscope-client.jar load http://127.0.0.1:8080/ --rate 5000 --duration 30s --json",
                ""})
public final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "http:// URL to GET, e.g. http://127.0.0.1:8080/")
    URI url;

    @Option(names = {"-c", "--connections"}, paramLabel = "C", defaultValue = "16",
            description = "connections, each a virtual thread (default: ${DEFAULT-VALUE})")
    int connections;

    @ArgGroup(exclusive = true)
    Length length = new Length();

    @Option(names = {"-r", "--rate"}, paramLabel = "R", defaultValue = "0",
            description = "open loop at R requests/s; 0 = closed loop (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = {"-w", "--warmup"}, paramLabel = "D", defaultValue = "0s", converter = DurationConverter.class,
            description = "load this long before measuring (default: ${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "10s", converter = DurationConverter.class,
            description = "connect and per-read timeout of each request (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    /** How the run ends: one of the two. */
    static final class Length {
        @Option(names = {"-d", "--duration"}, paramLabel = "D", converter = DurationConverter.class,
                description = "measure for this long: 30s, 500ms, 2m or PT30S (default: 10s)")
        Duration duration;

        @Option(names = {"-n", "--requests"}, paramLabel = "N",
                description = "measure exactly N requests (answered or failed)")
        Long requests;
    }

    /** Entry point of {@code java -jar loomscope-client.jar}. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs {@code loomscope-client} with {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
    static int execute(PrintWriter out, PrintWriter err, String... args) {
        return Tools.commandLine(new ClientCommand(), out, err, Map.of()).execute(args);
    }

    @Override
    public Integer call() {
        LoadOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> problem = TargetCheck.problem(options.uri(), options.timeout());
        if (problem.isPresent()) {
            err.println(spec.qualifiedName() + ": cannot connect to " + options.uri() + ": " + problem.get());
            return Tools.BAD_DATA;
        }
        LoadResult result = LoadGenerator.run(options, progress -> {
            err.println(ProgressLine.format(progress));
            err.flush();
        });
        out.print(json ? ResultJson.render(result) : ResultTable.render(result));
        out.flush();
        return CommandLine.ExitCode.OK;
    }

    private LoadOptions options() {
        try {
            LoadOptions.Builder builder = LoadOptions.builder(url)
                    .connections(connections)
                    .rate(rate)
                    .warmup(warmup)
                    .timeout(timeout);
            if (length.requests != null) {
                builder.requests(length.requests);
            } else if (length.duration != null) {
                builder.duration(length.duration);
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
