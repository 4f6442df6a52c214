package dev.loomscope.it;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * The JSON thread dump (JDK 21+) of a process: the only view that lists virtual threads, which {@code jstack} and
 * {@code Thread.getAllStackTraces()} leave out.
 */
final class ThreadDump {

    private ThreadDump() {
    }

    /** Names of every thread, virtual ones included, of the JVM {@code pid}, via {@code jcmd Thread.dump_to_file}. */
    static List<String> ofProcess(long pid, Path file) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        Path jcmd = Path.of(Jars.java()).resolveSibling("jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.dump_to_file", "-format=json",
                                             file.toString())
                .redirectErrorStream(true)
                .redirectOutput(file.resolveSibling(file.getFileName() + ".jcmd.log").toFile())
                .start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("jcmd " + pid + " Thread.dump_to_file took longer than 30 s");
        }
        if (process.exitValue() != 0 || !Files.exists(file)) {
            throw new AssertionError("jcmd " + pid + " Thread.dump_to_file failed with exit " + process.exitValue());
        }
        return names(file);
    }

    /** Names of every thread of this JVM, virtual ones included. */
    static List<String> ofThisJvm(Path file) throws IOException {
        Files.deleteIfExists(file);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        return names(file);
    }

    private static List<String> names(Path file) throws IOException {
        JsonNode dump = new ObjectMapper().readTree(file.toFile()).path("threadDump");
        List<String> names = new ArrayList<>();
        for (JsonNode container : dump.path("threadContainers")) {
            for (JsonNode thread : container.path("threads")) {
                names.add(thread.path("name").asText());
            }
        }
        return names;
    }
}
