package dev.loomscope.client.load;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code loomscope-client}: the top command; on its own it explains what to run. */
@Command(name = "loomscope-client",
        subcommands = LoadCommand.class,
        mixinStandardHelpOptions = true,
        versionProvider = ClientCommand.Version.class,
        usageHelpWidth = 110,
        description = "Client tools of loomscope. The load generator sends blocking HTTP/1.1 GETs from virtual "
                + "threads, one keep-alive connection each, and reports throughput, latency percentiles, statuses "
                + "and errors.",
        footerHeading = "%nExample usage:%n",
        footer = {
                "  loomscope-client load http://127.0.0.1:8080/ --connections 64 --duration 15s --warmup 5s",
                "  loomscope-client load http://127.0.0.1:8080/ --rate 5000 --duration 30s --json"})
final class ClientCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command, try: loomscope-client load URL");
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ClientCommand.class.getPackage().getImplementationVersion();
            return new String[] {"loomscope-client " + (version == null ? "(development build)" : version)};
        }
    }
}
