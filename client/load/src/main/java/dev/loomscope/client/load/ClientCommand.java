package dev.loomscope.client.load;

import java.util.concurrent.Callable;

import dev.loomscope.cli.BuildVersion;
import dev.loomscope.cli.Tools;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code loomscope-client}: the top command; on its own it explains what to run. */
@Command(name = "loomscope-client",
        subcommands = LoadCommand.class,
        mixinStandardHelpOptions = true,
        versionProvider = BuildVersion.class,
        usageHelpWidth = Tools.HELP_WIDTH,
        description = "Client tools of loomscope. The load generator sends blocking HTTP/1.1 GETs from virtual "
                + "threads, one keep-alive connection each, and reports throughput, latency percentiles, statuses "
                + "and errors.",
        footerHeading = "%nExample usage:%n",
        footer = {
                "  java -jar client/load/target/loomscope-client.jar load http://127.0.0.1:8080/ -c 64 --duration 15s --warmup 5s",
                "  java -jar client/load/target/loomscope-client.jar load http://127.0.0.1:8080/ --rate 5000 --duration 30s --json",
                ""})
final class ClientCommand implements Callable<Integer> {

    static final String WORKFLOW = """
            loomscope-client loads an HTTP server from virtual threads and measures it.

              1. serve    java -jar server/target/loomscope-server.jar
                          (records loomscope.jfr until stopped with Ctrl+C or SIGTERM)
              2. load     java -jar client/load/target/loomscope-client.jar load http://127.0.0.1:8080/ --duration 15s
                          throughput, latency percentiles, statuses and errors (--json for the same as JSON;
                          --rate R for an open loop that counts requests it could not send as missed)
              3. read     java -jar jfr/analyser/target/loomscope-jfr.jar report loomscope.jfr
                          where the server's requests and client calls ran

            Commands:
              load     Load an HTTP server from virtual threads and measure it

            Run 'java -jar client/load/target/loomscope-client.jar load --help' for its options.
            """;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Tools.missingCommand(spec, WORKFLOW);
    }
}
