package dev.loomscope.cli;

import java.io.PrintWriter;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** What both tools do the same way: exit codes, help width, usage errors, and the answer to no arguments. */
public final class Tools {

    /** Exit code for bad data: a file or target that cannot be used, a failed check. */
    public static final int BAD_DATA = 1;
    /** Exit code for bad usage: unknown option, missing argument, bad value. */
    public static final int BAD_USAGE = 2;
    /** Width of every help text, in columns. */
    public static final int HELP_WIDTH = 120;

    private Tools() {
    }

    /**
     * A command line for {@code root} printing to {@code out} and {@code err}, with the shared usage errors;
     * {@code missingParameterMessages} replaces picocli's message for a missing parameter, by its label.
     */
    public static CommandLine commandLine(Object root, PrintWriter out, PrintWriter err,
                                          Map<String, String> missingParameterMessages) {
        return new CommandLine(root)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(new UsageErrors(missingParameterMessages));
    }

    /**
     * The answer to a tool run without a command: {@code tool: missing command}, then the workflow (what to run,
     * in order, with commands that paste and run) on stderr; exit 2, since nothing was done.
     */
    public static int missingCommand(CommandSpec root, String workflow) {
        PrintWriter err = root.commandLine().getErr();
        err.println(root.qualifiedName() + ": missing command");
        err.println();
        err.print(workflow);
        err.flush();
        return BAD_USAGE;
    }
}
