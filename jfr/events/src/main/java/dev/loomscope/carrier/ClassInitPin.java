package dev.loomscope.carrier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Pins the calling virtual thread inside a class initializer, the pin JDK 24+ still makes, every time: each call
 * defines {@link SlowStaticInit} anew in a fresh class loader, because a class is initialized only once per loader.
 */
public final class ClassInitPin {

    private static final ThreadLocal<Long> MILLIS = new ThreadLocal<>();

    private final byte[] classBytes;

    /** Reads the class file it defines again on every {@link #pinFor}. */
    public ClassInitPin() {
        String resource = SlowStaticInit.class.getName().replace('.', '/') + ".class";
        try (InputStream in = ClassInitPin.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class file " + resource);
            }
            classBytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a fresh copy of {@link SlowStaticInit}'s initializer, which sleeps {@code millis}, on the calling thread. */
    public void pinFor(long millis) {
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
        Long millis = MILLIS.get();
        try {
            Thread.sleep(millis == null ? 0L : millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Defines {@link SlowStaticInit} itself and leaves every other class to its parent. */
    private static final class FreshLoader extends ClassLoader {

        private final byte[] classBytes;

        FreshLoader(byte[] classBytes) {
            super("loomscope-class-init", ClassInitPin.class.getClassLoader());
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
