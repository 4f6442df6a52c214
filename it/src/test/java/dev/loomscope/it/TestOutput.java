package dev.loomscope.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Test output directories under it/target/it-output: emptied when a test class starts, kept after it. */
final class TestOutput {

    private TestOutput() {
    }

    /** An empty directory at {@code directory}, whatever an earlier run left there. */
    static Path clean(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(directory);
    }

    /** The emptied output directory of {@code testClass}. */
    static Path forClass(Class<?> testClass) throws IOException {
        return clean(Jars.output().resolve(testClass.getSimpleName()));
    }
}
