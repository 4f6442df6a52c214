package dev.loomscope.agent;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
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
    void beginEventSetsThePinFlagFromTheWritingThreadWhereTheWriterHasOne() throws Exception {
        byte[] original = jdkClass("jdk.jfr", "jdk/jfr/internal/event/EventWriter.class");
        boolean hasFlag = java.util.Arrays.stream(Class.forName(EventWriterRepair.CLASS_NAME).getDeclaredFields())
                .anyMatch(field -> field.getName().equals("pinVirtualThread"));
        List<String> beginEvent = new ArrayList<>();
        new ClassReader(EventWriterRepair.rewrite(original).bytes()).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return !name.equals("beginEvent") ? null : new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        beginEvent.add(owner + "." + method);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                        beginEvent.add((opcode == Opcodes.PUTFIELD ? "put " : "get ") + field);
                    }
                };
            }
        }, 0);
        // JDK 22+ has the flag; 21's writer has none and gets only the valid-flag reset.
        if (hasFlag) {
            assertThat(beginEvent).containsSubsequence("get valid", "put valid", "java/lang/Thread.currentThread",
                                                       "java/lang/Thread.isVirtual", "put pinVirtualThread");
        } else {
            assertThat(beginEvent).containsSubsequence("get valid", "put valid").doesNotContain("put pinVirtualThread");
        }
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
