package dev.loomscope.client.load;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs loomscope-client in-process with captured output. */
final class Cli {

    record Result(int code, String out, String err) {
    }

    private Cli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LoadCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
