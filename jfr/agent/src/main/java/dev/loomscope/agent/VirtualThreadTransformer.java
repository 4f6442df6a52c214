package dev.loomscope.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;

/** Hands {@code java.lang.VirtualThread}, and only it, to the rewriter; remembers why when it left it alone. */
final class VirtualThreadTransformer implements ClassFileTransformer {

    private static final String INTERNAL_NAME = VirtualThreadInternals.CLASS_NAME.replace('.', '/');

    private final VirtualThreadRewriter rewriter;
    private volatile String problem = "java.lang.VirtualThread was not transformed";

    VirtualThreadTransformer(VirtualThreadRewriter rewriter) {
        this.rewriter = rewriter;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (!INTERNAL_NAME.equals(className)) {
            return null;
        }
        try {
            VirtualThreadRewriter.Rewritten rewritten = rewriter.rewrite(classfileBuffer);
            problem = rewritten.problem();
            return rewritten.bytes();
        } catch (Throwable t) {
            problem = "rewriting java.lang.VirtualThread failed: " + t;
            return null;
        }
    }

    /** Null once VirtualThread was rewritten; otherwise why not. */
    String problem() {
        return problem;
    }
}
