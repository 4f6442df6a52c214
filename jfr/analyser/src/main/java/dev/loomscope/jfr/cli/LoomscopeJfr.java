package dev.loomscope.jfr.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code java -jar loomscope-jfr.jar}: reads JFR recordings and says where virtual threads ran. */
@Command(name = "loomscope-jfr",
         description = "Reads JFR recordings and says where virtual threads, requests and client calls ran.",
         subcommands = {ReportCommand.class, CheckCommand.class},
         usageHelpWidth = 120)
public final class LoomscopeJfr implements Callable<Integer> {

    /** Exit code for bad data: a file that is missing, empty, damaged or not a recording; a failed check. */
    static final int BAD_DATA = 1;
    /** Exit code for bad usage: unknown option, no file, bad value. */
    static final int BAD_USAGE = 2;

    static final String WORKFLOW = """
            loomscope-jfr reads JFR recordings and says where virtual threads, requests and client calls ran.

              1. record   java -jar server/target/loomscope-server.jar
                          (writes loomscope.jfr when stopped with Ctrl+C or SIGTERM); record any JVM with
                          -XX:StartFlightRecording:settings=jfr/events/src/main/resources/loomscope.jfc,filename=app.jfr
              2. report   java -jar jfr/analyser/target/loomscope-jfr.jar report loomscope.jfr
                          carriers, virtual threads, requests, client calls, pinning and a verdict
                          (--format json for the same as JSON)
              3. check    java -jar jfr/analyser/target/loomscope-jfr.jar check loomscope.jfr --max-pinned 0
                          exits 1 with one line per limit exceeded, for CI

            Commands:
              report   Report what the recordings show
              check    Exit 1 when pinning or submit failures exceed limits

            Run 'java -jar jfr/analyser/target/loomscope-jfr.jar COMMAND --help' for a command's options.
            """;

    @Spec
    private CommandSpec spec;

    /** Entry point of {@code java -jar loomscope-jfr.jar}. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the tool with these streams and returns its exit code; tests call this in-process. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new LoomscopeJfr())
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(LoomscopeJfr::badUsage);
        return cli.execute(args);
    }

    /** Without a command: explain the workflow. */
    @Override
    public Integer call() {
        spec.commandLine().getOut().print(WORKFLOW);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Bad usage: one line naming the problem, then the command's usage, exit 2. */
    private static int badUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + describe(e));
        err.println();
        command.usage(err);
        err.flush();
        return BAD_USAGE;
    }

    /** The option name nearest to {@code typed}, when it is a plausible typo (edit distance up to 2). */
    private static String closestOption(CommandSpec command, String typed) {
        String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        String best = null;
        int bestDistance = 3;
        for (var option : command.options()) {
            for (String candidate : option.names()) {
                int distance = distance(name, candidate);
                if (distance < bestDistance) {
                    best = candidate;
                    bestDistance = distance;
                }
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String describe(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            List<String> suggestions = unmatched.getSuggestions();
            boolean isOption = first.startsWith("-");
            boolean topLevel = e.getCommandLine().getCommandSpec().parent() == null;
            String what = isOption ? "unknown option " : topLevel ? "unknown command " : "unexpected argument ";
            String guess = isOption ? closestOption(e.getCommandLine().getCommandSpec(), first)
                                    : suggestions.isEmpty() ? null : suggestions.get(0);
            return what + first + (guess == null ? "" : ", did you mean " + guess + "?");
        }
        if (e instanceof CommandLine.MissingParameterException missing
                && missing.getMissing().stream().anyMatch(arg -> "FILE".equals(arg.paramLabel()))) {
            return "no recording given; name one or more .jfr files";
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
}
