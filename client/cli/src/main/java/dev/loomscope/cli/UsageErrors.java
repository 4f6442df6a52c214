package dev.loomscope.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Bad usage in both tools: one line {@code tool command: message}, a blank line, the command's usage, exit 2.
 * Unknown options and commands name the nearest one when it is a plausible typo.
 */
public final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    private static final int MAX_TYPO_DISTANCE = 2;

    private final Map<String, String> missingParameterMessages;

    /** @param missingParameterMessages by parameter label, what to say when it is missing, e.g. FILE: "no recording given" */
    public UsageErrors(Map<String, String> missingParameterMessages) {
        this.missingParameterMessages = Map.copyOf(missingParameterMessages);
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + describe(e));
        err.println();
        command.usage(err);
        err.flush();
        return Tools.BAD_USAGE;
    }

    private String describe(ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            boolean isOption = first.startsWith("-");
            boolean topLevel = e.getCommandLine().getCommandSpec().parent() == null
                               && !e.getCommandLine().getCommandSpec().subcommands().isEmpty();
            String what = isOption ? "unknown option " : topLevel ? "unknown command " : "unexpected argument ";
            List<String> suggestions = unmatched.getSuggestions();
            String guess = isOption ? closestOption(e.getCommandLine().getCommandSpec(), first)
                                    : suggestions.isEmpty() ? null : suggestions.get(0);
            return what + first + (guess == null ? "" : ", did you mean " + guess + "?");
        }
        if (e instanceof CommandLine.MissingParameterException missing) {
            for (ArgSpec arg : missing.getMissing()) {
                String message = missingParameterMessages.get(arg.paramLabel());
                if (message != null) {
                    return message;
                }
            }
        }
        return fragment(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    // Picocli's sentences as our lower-case fragments: "Error: --a, --b are mutually exclusive" -> "--a, --b ...".
    private static String fragment(String text) {
        String message = text.startsWith("Error: ") ? text.substring("Error: ".length()) : text;
        return message.isEmpty() ? "bad command line"
                                 : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    private static String closestOption(CommandSpec command, String typed) {
        String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
        String best = null;
        int bestDistance = MAX_TYPO_DISTANCE + 1;
        for (OptionSpec option : command.options()) {
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

    // Levenshtein distance, two rows.
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
}
