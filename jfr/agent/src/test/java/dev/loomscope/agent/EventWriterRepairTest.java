package dev.loomscope.agent;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

import static org.assertj.core.api.Assertions.assertThat;

class EventWriterRepairTest {

    @Test
    void thisJdksEventWriterIsRewrittenIntoAClassThatVerifies() throws Exception {
        Rewritten rewritten = EventWriterRepair.rewrite(jdkClass("jdk.jfr", "jdk/jfr/internal/event/EventWriter.class"));
        assertThat(rewritten.problem()).isNull();
        java.io.StringWriter problems = new java.io.StringWriter();
        CheckClassAdapter.verify(new ClassReader(rewritten.bytes()), false, new java.io.PrintWriter(problems));
        assertThat(problems.toString()).isEmpty();
    }

    @Test
    void aClassWithoutTheValidFlagIsLeftAloneWithTheReason() throws Exception {
        Rewritten rewritten = EventWriterRepair.rewrite(jdkClass("java.base", "java/lang/Thread.class"));
        assertThat(rewritten.bytes()).isNull();
        assertThat(rewritten.problem()).startsWith(EventWriterRepair.CLASS_NAME + " is not the one the recorder knows")
                .contains("boolean valid: false");
    }

    private static byte[] jdkClass(String module, String path) throws Exception {
        try (FileSystem jrt = FileSystems.newFileSystem(URI.create("jrt:/"), Map.of());
             InputStream in = Files.newInputStream(jrt.getPath("modules", module).resolve(path))) {
            return in.readAllBytes();
        }
    }
}
