package dev.loomscope.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the artifacts under test are: the jars of this build, passed in by surefire, and the test JVM's java. */
final class Jars {

    private Jars() {
    }

    /** The java launcher of the JVM running the tests, so the children run on the same JDK. */
    static String java() {
        return ProcessHandle.current().info().command()
                .filter(command -> command.endsWith("/java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static Path server() {
        return jar("loomscope.server.jar", "server/target/loomscope-server.jar");
    }

    static Path analyser() {
        return jar("loomscope.jfr.jar", "jfr/analyser/target/loomscope-jfr.jar");
    }

    static Path agent() {
        return jar("loomscope.agent.jar", "jfr/agent/target/loomscope-agent.jar");
    }

    static Path client() {
        return jar("loomscope.client.jar", "client/load/target/loomscope-client.jar");
    }

    /** it/target/it-output, where every test keeps its processes' output and recordings. */
    static Path output() {
        String configured = System.getProperty("loomscope.it.output");
        return Path.of(configured != null ? configured : "target/it-output").toAbsolutePath().normalize();
    }

    private static Path jar(String property, String fromRoot) {
        String configured = System.getProperty(property);
        Path jar = (configured != null ? Path.of(configured) : Path.of("..").resolve(fromRoot)).toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it first: .ci/jdk mvn -B -o install -DskipTests");
        }
        return jar;
    }
}
