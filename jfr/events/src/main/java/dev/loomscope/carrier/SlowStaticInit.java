package dev.loomscope.carrier;

/** A class whose initializer blocks; {@link ClassInitPin} loads a fresh copy of it per request. */
final class SlowStaticInit {

    static {
        ClassInitPin.sleepInClassInit();
    }

    private SlowStaticInit() {
    }
}
