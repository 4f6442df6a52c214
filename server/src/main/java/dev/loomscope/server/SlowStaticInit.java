package dev.loomscope.server;

/** A class whose initializer blocks; {@link ClassInitBlocker} loads a fresh copy of it per request. */
final class SlowStaticInit {

    static {
        ClassInitBlocker.sleepInClassInit();
    }

    private SlowStaticInit() {
    }
}
