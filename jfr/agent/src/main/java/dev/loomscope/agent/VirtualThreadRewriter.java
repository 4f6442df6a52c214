package dev.loomscope.agent;

import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites {@code java.lang.VirtualThread}'s bytecode to call {@code LoomscopeRecorderHooks}: just before
 * {@code mount()} and just after {@code unmount()} in the run method (both on the carrier), before each hand-over
 * of the run task to a scheduler in the submit methods, and around the JDK 22+ timeout methods.
 *
 * <p>The advice pushes arguments and calls one static method, nothing else, so no frame needs recomputing beyond
 * the one new local that carries the slice from mount to unmount.
 */
final class VirtualThreadRewriter {

    private static final String VIRTUAL_THREAD = "java/lang/VirtualThread";
    private static final Set<String> SCHEDULER_OWNERS = Set.of("java/util/concurrent/Executor",
            "java/util/concurrent/ForkJoinPool");
    private static final Set<String> HAND_OVERS = Set.of("execute", "lazySubmit", "externalSubmit", "submit");
    private static final Set<String> TIMEOUT_METHODS = Set.of("parkTimeoutExpired", "waitTimeoutExpired");

    private final String runMethod;
    private int mountSites;
    private int unmountSites;
    private int submitSites;
    private int timerMethods;

    VirtualThreadRewriter(String runMethod) {
        this.runMethod = runMethod;
    }

    /** The rewritten class, or the reason it was left alone. */
    Rewritten rewrite(byte[] original) {
        ClassReader reader = new ClassReader(original);
        int sliceLocal = maxLocalsOfRunMethod(reader);
        if (sliceLocal < 0) {
            return Rewritten.leftAlone("VirtualThread." + runMethod + "() not found in its bytecode");
        }
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new Visitor(writer, sliceLocal), ClassReader.EXPAND_FRAMES);
        if (mountSites != 1 || unmountSites < 1) {
            return Rewritten.leftAlone("VirtualThread." + runMethod + "() calls mount() " + mountSites
                    + " times and unmount() " + unmountSites + " times; expected once and at least once");
        }
        if (submitSites < 1) {
            return Rewritten.leftAlone("no scheduler hand-over found in VirtualThread's submit methods");
        }
        return new Rewritten(writer.toByteArray(), null);
    }

    /** A short account of what was instrumented, for the recorder status. */
    String summary() {
        return runMethod + "(): mount 1, unmount " + unmountSites + "; scheduler hand-overs " + submitSites
                + "; timeout methods " + timerMethods;
    }

    // The slice local goes in the first free slot, so every existing local keeps its index.
    private int maxLocalsOfRunMethod(ClassReader reader) {
        int[] maxLocals = {-1};
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                if (!name.equals(runMethod) || !descriptor.equals("()V")) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMaxs(int maxStack, int locals) {
                        maxLocals[0] = locals;
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
        return maxLocals[0];
    }

    private final class Visitor extends ClassVisitor {
        private final int sliceLocal;

        Visitor(ClassVisitor next, int sliceLocal) {
            super(Opcodes.ASM9, next);
            this.sliceLocal = sliceLocal;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                         String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            if (name.equals(runMethod) && descriptor.equals("()V")) {
                return new SliceAdvice(next, sliceLocal);
            }
            if (name.toLowerCase(java.util.Locale.ROOT).contains("submitruncontinuation")
                    && (access & Opcodes.ACC_STATIC) == 0) {
                return new SubmitAdvice(next);
            }
            if (TIMEOUT_METHODS.contains(name) && (access & Opcodes.ACC_STATIC) == 0) {
                timerMethods++;
                return new TimerAdvice(next);
            }
            return next;
        }
    }

    /** Begins the slice before mount() and ends it after unmount(), the slice held in a new local. */
    private final class SliceAdvice extends MethodVisitor {
        private final int slice;

        SliceAdvice(MethodVisitor next, int slice) {
            super(Opcodes.ASM9, next);
            this.slice = slice;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            mv.visitInsn(Opcodes.ACONST_NULL);
            mv.visitVarInsn(Opcodes.ASTORE, slice);
        }

        // Expanded frames list every local; the slice local is added to each as an Object, after TOPs up to its slot.
        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            java.util.List<Object> locals = new java.util.ArrayList<>(numLocal + 4);
            int slots = 0;
            for (int i = 0; i < numLocal; i++) {
                locals.add(local[i]);
                slots += local[i] == Opcodes.LONG || local[i] == Opcodes.DOUBLE ? 2 : 1;
            }
            for (; slots < slice; slots++) {
                locals.add(Opcodes.TOP);
            }
            locals.add("java/lang/Object");
            super.visitFrame(type, locals.size(), locals.toArray(), numStack, stack);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            boolean own = owner.equals(VIRTUAL_THREAD) && descriptor.equals("()V");
            if (own && name.equals(VirtualThreadInternals.MOUNT)) {
                mountSites++;
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, HookClass.INTERNAL_NAME, HookClass.BEFORE_MOUNT,
                        HookClass.BEFORE_MOUNT_DESCRIPTOR, false);
                mv.visitVarInsn(Opcodes.ASTORE, slice);
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            if (own && name.equals(VirtualThreadInternals.UNMOUNT)) {
                unmountSites++;
                mv.visitVarInsn(Opcodes.ALOAD, slice);
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitFieldInsn(Opcodes.GETFIELD, VIRTUAL_THREAD, VirtualThreadInternals.STATE_FIELD, "I");
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, HookClass.INTERNAL_NAME, HookClass.AFTER_UNMOUNT,
                        HookClass.AFTER_UNMOUNT_DESCRIPTOR, false);
            }
        }
    }

    /** Reports the virtual thread and its state just before its run task goes to the scheduler. */
    private final class SubmitAdvice extends MethodVisitor {
        SubmitAdvice(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (SCHEDULER_OWNERS.contains(owner) && HAND_OVERS.contains(name)) {
                submitSites++;
                callWithState(mv, HookClass.BEFORE_SUBMIT);
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
    }

    /** Marks the current thread as running a timeout for this virtual thread, from entry to normal return. */
    private static final class TimerAdvice extends MethodVisitor {
        TimerAdvice(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            mark(1);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.RETURN) {
                mark(0);
            }
            super.visitInsn(opcode);
        }

        private void mark(int firing) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(firing == 1 ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, HookClass.INTERNAL_NAME, HookClass.TIMER_MARK,
                    HookClass.OBJECT_INT_DESCRIPTOR, false);
        }
    }

    private static void callWithState(MethodVisitor mv, String hook) {
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.GETFIELD, VIRTUAL_THREAD, VirtualThreadInternals.STATE_FIELD, "I");
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, HookClass.INTERNAL_NAME, hook, HookClass.OBJECT_INT_DESCRIPTOR, false);
    }
}
