package dev.loomscope.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Blocks inside a class initializer, every time: each call defines {@link SlowStaticInit} anew in a fresh class
 * loader, because a class is initialized only once per loader.
 */
public final class ClassInitBlocker {

    private static final ThreadLocal<Integer> MILLIS = new ThreadLocal<>();

    private final byte[] classBytes;

    ClassInitBlocker() {
        String resource = SlowStaticInit.class.getName().replace('.', '/') + ".class";
        try (InputStream in = ClassInitBlocker.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class file " + resource);
            }
            classBytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void blockInFreshClassInit(int millis) {
        MILLIS.set(millis);
        try {
            Class.forName(SlowStaticInit.class.getName(), true, new FreshLoader(classBytes));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        } finally {
            MILLIS.remove();
        }
    }

    /** Called from {@link SlowStaticInit}'s static initializer, which runs in another loader: hence public. */
    public static void sleepInClassInit() {
        Integer millis = MILLIS.get();
        try {
            Thread.sleep(millis == null ? 0 : millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Defines {@link SlowStaticInit} itself and leaves every other class to its parent. */
    private static final class FreshLoader extends ClassLoader {

        private final byte[] classBytes;

        FreshLoader(byte[] classBytes) {
            super("loomscope-class-init", ClassInitBlocker.class.getClassLoader());
            this.classBytes = classBytes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(SlowStaticInit.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : defineClass(name, classBytes, 0, classBytes.length);
            }
        }
    }
}
