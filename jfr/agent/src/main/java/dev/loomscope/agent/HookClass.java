package dev.loomscope.agent;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Generates {@code java.lang.LoomscopeRecorderHooks}: the one class that the instrumented {@code VirtualThread}
 * calls. It lives in java.lang so that code inside java.base can name it; it holds the recorders in volatile
 * fields typed by java.base interfaces, and its static methods do nothing while a field is null.
 *
 * <p>Its methods keep the advice branch-free: the instrumented JDK method only pushes arguments and calls one of them.
 */
final class HookClass {

    static final String NAME = "java.lang.LoomscopeRecorderHooks";
    static final String INTERNAL_NAME = NAME.replace('.', '/');

    static final String SLICE_START = "sliceStart";
    static final String SLICE_END = "sliceEnd";
    static final String WAKEUP = "wakeup";
    static final String TIMER = "timer";

    static final String BEFORE_MOUNT = "beforeMount";
    static final String BEFORE_MOUNT_DESCRIPTOR = "(Ljava/lang/Object;)Ljava/lang/Object;";
    static final String AFTER_UNMOUNT = "afterUnmount";
    static final String AFTER_UNMOUNT_DESCRIPTOR = "(Ljava/lang/Object;I)V";
    static final String BEFORE_SUBMIT = "beforeSubmit";
    static final String TIMER_MARK = "timerMark";
    static final String OBJECT_INT_DESCRIPTOR = "(Ljava/lang/Object;I)V";

    private static final String FUNCTION = "java/util/function/Function";
    private static final String OBJ_INT_CONSUMER = "java/util/function/ObjIntConsumer";

    private HookClass() {
    }

    static byte[] bytes() {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return "java/lang/Object"; // only Object-typed values meet in these methods
            }
        };
        writer.visit(Opcodes.V21, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, INTERNAL_NAME, null,
                "java/lang/Object", null);
        field(writer, SLICE_START, FUNCTION);
        field(writer, SLICE_END, OBJ_INT_CONSUMER);
        field(writer, WAKEUP, OBJ_INT_CONSUMER);
        field(writer, TIMER, OBJ_INT_CONSUMER);
        beforeMount(writer);
        objIntForwarder(writer, AFTER_UNMOUNT, SLICE_END, true);
        objIntForwarder(writer, BEFORE_SUBMIT, WAKEUP, false);
        objIntForwarder(writer, TIMER_MARK, TIMER, false);
        writer.visitEnd();
        return writer.toByteArray();
    }

    private static void field(ClassWriter writer, String name, String type) {
        writer.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_VOLATILE, name, "L" + type + ";",
                null, null).visitEnd();
    }

    /** {@code static Object beforeMount(Object vt) { Function f = sliceStart; return f == null ? null : f.apply(vt); }} */
    private static void beforeMount(ClassWriter writer) {
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, BEFORE_MOUNT,
                BEFORE_MOUNT_DESCRIPTOR, null, null);
        method.visitCode();
        Label none = new Label();
        method.visitFieldInsn(Opcodes.GETSTATIC, INTERNAL_NAME, SLICE_START, "L" + FUNCTION + ";");
        method.visitVarInsn(Opcodes.ASTORE, 1);
        method.visitVarInsn(Opcodes.ALOAD, 1);
        method.visitJumpInsn(Opcodes.IFNULL, none);
        method.visitVarInsn(Opcodes.ALOAD, 1);
        method.visitVarInsn(Opcodes.ALOAD, 0);
        method.visitMethodInsn(Opcodes.INVOKEINTERFACE, FUNCTION, "apply", "(Ljava/lang/Object;)Ljava/lang/Object;", true);
        method.visitInsn(Opcodes.ARETURN);
        method.visitLabel(none);
        method.visitInsn(Opcodes.ACONST_NULL);
        method.visitInsn(Opcodes.ARETURN);
        method.visitMaxs(0, 0);
        method.visitEnd();
    }

    /** {@code static void name(Object o, int i) { [if (o == null) return;] c = field; if (c != null) c.accept(o, i); }} */
    private static void objIntForwarder(ClassWriter writer, String name, String field, boolean skipNullArgument) {
        MethodVisitor method = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name, OBJECT_INT_DESCRIPTOR,
                null, null);
        method.visitCode();
        Label done = new Label();
        if (skipNullArgument) {
            method.visitVarInsn(Opcodes.ALOAD, 0);
            method.visitJumpInsn(Opcodes.IFNULL, done);
        }
        method.visitFieldInsn(Opcodes.GETSTATIC, INTERNAL_NAME, field, "L" + OBJ_INT_CONSUMER + ";");
        method.visitVarInsn(Opcodes.ASTORE, 2);
        method.visitVarInsn(Opcodes.ALOAD, 2);
        method.visitJumpInsn(Opcodes.IFNULL, done);
        method.visitVarInsn(Opcodes.ALOAD, 2);
        method.visitVarInsn(Opcodes.ALOAD, 0);
        method.visitVarInsn(Opcodes.ILOAD, 1);
        method.visitMethodInsn(Opcodes.INVOKEINTERFACE, OBJ_INT_CONSUMER, "accept", "(Ljava/lang/Object;I)V", true);
        method.visitLabel(done);
        method.visitInsn(Opcodes.RETURN);
        method.visitMaxs(0, 0);
        method.visitEnd();
    }
}
