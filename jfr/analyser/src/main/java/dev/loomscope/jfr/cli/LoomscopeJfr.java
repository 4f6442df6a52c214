package dev.loomscope.jfr.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.loomscope.cli.BuildVersion;
import dev.loomscope.cli.Tools;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code java -jar loomscope-jfr.jar}: reads JFR recordings and says where virtual threads ran. */
@Command(name = "loomscope-jfr",
         description = "Reads JFR recordings and says where virtual threads, requests and client calls ran.",
         subcommands = {ReportCommand.class, CheckCommand.class},
         mixinStandardHelpOptions = true,
         versionProvider = BuildVersion.class,
         usageHelpWidth = Tools.HELP_WIDTH,
         footerHeading = "%nExample usage:%n",
         footer = {"  java -jar jfr/analyser/target/loomscope-jfr.jar report loomscope.jfr",
                   "  java -jar jfr/analyser/target/loomscope-jfr.jar check --max-pinned 5 --max-pinned-time 20ms loomscope.jfr",
                   ""})
public final class LoomscopeJfr implements Callable<Integer> {

    static final String WORKFLOW = """
            loomscope-jfr reads JFR recordings and says where virtual threads, requests and client calls ran.

              1. record   java -jar server/target/loomscope-server.jar
                          (writes loomscope.jfr when stopped with Ctrl+C or SIGTERM); record any JVM with
                          -XX:StartFlightRecording:settings=jfr/events/src/main/resources/loomscope.jfc,filename=app.jfr
              2. report   java -jar jfr/analyser/target/loomscope-jfr.jar report loomscope.jfr
                          carriers, virtual threads, requests, client calls, pinning and a verdict;
                          with the loomscope agent's slices, every mount on every carrier
                          (--format json for the same as JSON)
              3. check    java -jar jfr/analyser/target/loomscope-jfr.jar check loomscope.jfr --max-pinned 0
                          exits 1 with one line per limit exceeded, for CI

            Commands:
              report   Report what the recordings show
              check    Exit 1 when pinning, submit failures or scheduler delay exceed limits

            Run 'java -jar jfr/analyser/target/loomscope-jfr.jar COMMAND --help' for a command's options.
            """;

    @Spec
    private CommandSpec spec;

    /** Entry point of {@code java -jar loomscope-jfr.jar}. */
    public static void main(String[] args) {
        java.util.Optional<Integer> relaunched = C1Relaunch.runIfWorthIt(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.get());
        }
        C1Relaunch.beginEarlyRead(args);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the tool with these streams and returns its exit code; tests call this in-process. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return Tools.commandLine(new LoomscopeJfr(), out, err,
                                 Map.of("FILE", "no recording given; name one or more .jfr files"))
                .execute(args);
    }

    /** Without a command: explain the workflow. */
    @Override
    public Integer call() {
        return Tools.missingCommand(spec, WORKFLOW);
    }
}
