package dev.loomscope.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.function.Function;

/** Hands one JDK class, and only it, to a rewriter during a retransformation; remembers why when it left it alone. */
final class OneClassTransformer implements ClassFileTransformer {

    private final String internalName;
    private final Function<byte[], Rewritten> rewriter;
    private volatile String problem;

    private OneClassTransformer(Class<?> target, Function<byte[], Rewritten> rewriter) {
        this.internalName = target.getName().replace('.', '/');
        this.rewriter = rewriter;
        this.problem = target.getName() + " was not transformed";
    }

    /** Retransforms {@code target} through {@code rewriter}; returns null when it was rewritten, else why not. */
    static String retransform(Instrumentation instrumentation, Class<?> target, Function<byte[], Rewritten> rewriter)
            throws UnmodifiableClassException {
        OneClassTransformer transformer = new OneClassTransformer(target, rewriter);
        instrumentation.addTransformer(transformer, true);
        try {
            instrumentation.retransformClasses(target);
        } finally {
            instrumentation.removeTransformer(transformer);
        }
        return transformer.problem;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (!internalName.equals(className)) {
            return null;
        }
        try {
            Rewritten rewritten = rewriter.apply(classfileBuffer);
            problem = rewritten.problem();
            return rewritten.bytes();
        } catch (Throwable t) {
            problem = "rewriting " + className.replace('/', '.') + " failed: " + t;
            return null;
        }
    }
}
