package dev.loomscope.agent;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Makes JFR keep the first event a carrier commits after the virtual thread it carried committed one of its own.
 *
 * <p>On Temurin 25 that hand-over of the carrier's {@code jdk.jfr.internal.event.EventWriter} from the virtual
 * thread's id back to the carrier's leaves the writer's {@code valid} flag false, and {@code endEvent()} then
 * discards the event it was writing, silently: here, the slice (measured: 50 of 150 slices kept with
 * {@code jdk.VirtualThreadStart}/{@code End} on, 150 of 150 with this repair). {@code valid} is false outside an
 * event only that way: the JVM clears it inside an event when a buffer has no room, and every {@code endEvent()}
 * sets it back. So at {@code beginEvent()} a false flag is stale, and resetting it there, with the position reset
 * the discarding {@code endEvent()} would have done, loses nothing and writes at the same place.
 *
 * <p>Where the writer has a {@code pinVirtualThread} flag (JDK 22+), it is set at {@code beginEvent()} too, to
 * whether the thread writing is virtual. The JDK sets it for the thread the writer was made for and does not
 * switch it when a carrier and its virtual threads hand the writer to each other; once a carrier made the writer or
 * wrote with it, a virtual thread's event taking the string pool's monitor then went unpinned, the virtual thread
 * unmounted in the middle of its event when the monitor was contended, and the carrier's next event was written
 * into it: one damaged event, and neither the JDK's parser nor loomscope's could read the recording past it
 * (docs/jfr-eventwriter-defect.md).
 */
final class EventWriterRepair {

    static final String CLASS_NAME = "jdk.jfr.internal.event.EventWriter";
    private static final String INTERNAL_NAME = CLASS_NAME.replace('.', '/');
    private static final String VALID = "valid";
    private static final String RESET = "reset";
    private static final String BEGIN_EVENT = "beginEvent";
    private static final String PIN_VIRTUAL_THREAD = "pinVirtualThread";

    private EventWriterRepair() {
    }

    /** The writer with the repair at the top of {@code beginEvent()}, or why it was left alone. */
    static Rewritten rewrite(byte[] original) {
        ClassReader reader = new ClassReader(original);
        Shape shape = new Shape();
        reader.accept(shape, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (!shape.hasValidFlag || !shape.hasReset || shape.beginEvents != 1) {
            return Rewritten.leftAlone(CLASS_NAME + " is not the one the recorder knows (boolean valid: "
                    + shape.hasValidFlag + ", reset(): " + shape.hasReset + ", beginEvent methods: "
                    + shape.beginEvents + ")");
        }
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                return name.equals(BEGIN_EVENT) ? new StaleFlagReset(next, shape.hasPinFlag) : next;
            }
        }, 0);
        return new Rewritten(writer.toByteArray(), null);
    }

    /**
     * Inserts {@code if (!valid) { reset(); valid = true; }} before the method's first instruction, and with
     * {@code pinFlag} {@code pinVirtualThread = Thread.currentThread().isVirtual();} after it.
     */
    private static final class StaleFlagReset extends MethodVisitor {
        private final boolean pinFlag;

        StaleFlagReset(MethodVisitor next, boolean pinFlag) {
            super(Opcodes.ASM9, next);
            this.pinFlag = pinFlag;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            Label valid = new Label();
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.GETFIELD, INTERNAL_NAME, VALID, "Z");
            mv.visitJumpInsn(Opcodes.IFNE, valid);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, INTERNAL_NAME, RESET, "()V", false);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.ICONST_1);
            mv.visitFieldInsn(Opcodes.PUTFIELD, INTERNAL_NAME, VALID, "Z");
            mv.visitLabel(valid);
            // The stack is empty and the locals are the arguments, as at entry: the same frame as the method's start.
            mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
            if (pinFlag) {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Thread", "currentThread", "()Ljava/lang/Thread;",
                                   false);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Thread", "isVirtual", "()Z", false);
                mv.visitFieldInsn(Opcodes.PUTFIELD, INTERNAL_NAME, PIN_VIRTUAL_THREAD, "Z");
            }
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(Math.max(maxStack, 2), maxLocals);
        }
    }

    /** What the class declares that the repair relies on. */
    private static final class Shape extends ClassVisitor {
        boolean hasValidFlag;
        boolean hasPinFlag;
        boolean hasReset;
        int beginEvents;

        Shape() {
            super(Opcodes.ASM9);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            hasValidFlag |= name.equals(VALID) && descriptor.equals("Z") && (access & Opcodes.ACC_STATIC) == 0;
            hasPinFlag |= name.equals(PIN_VIRTUAL_THREAD) && descriptor.equals("Z")
                    && (access & Opcodes.ACC_STATIC) == 0;
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            hasReset |= name.equals(RESET) && descriptor.equals("()V") && (access & Opcodes.ACC_STATIC) == 0;
            if (name.equals(BEGIN_EVENT) && descriptor.endsWith(")Z") && (access & Opcodes.ACC_STATIC) == 0) {
                beginEvents++;
            }
            return null;
        }
    }
}
