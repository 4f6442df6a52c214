package dev.loomscope.server;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The pinning demonstrations and the JDK rules that say whether each one pins. */
enum PinningMode {
    /** Sleep while holding a monitor. */
    SYNCHRONIZED("synchronized",
                 "blocking inside synchronized pins on JDK 21 to 23; JEP 491 (JDK 24) lets the thread unmount") {
        @Override
        boolean pinsOn(int feature) {
            return feature < 24;
        }
    },
    /** Sleep inside a class initializer. */
    CLASS_INIT("class-init",
               "blocking inside a class initializer (<clinit>) pins on every JDK so far, 24 and later included") {
        @Override
        boolean pinsOn(int feature) {
            return true;
        }
    },
    /** Sleep while holding a ReentrantLock. */
    LOCK("lock", "java.util.concurrent locks park the virtual thread, which unmounts: never pins") {
        @Override
        boolean pinsOn(int feature) {
            return false;
        }
    };

    private final String word;
    private final String rule;

    PinningMode(String word, String rule) {
        this.word = word;
        this.rule = rule;
    }

    /** Whether a JDK of that feature release pins a virtual thread that blocks in this mode. */
    abstract boolean pinsOn(int feature);

    String word() {
        return word;
    }

    String rule() {
        return rule;
    }

    static PinningMode from(String text) {
        for (PinningMode mode : values()) {
            if (mode.word.equals(text)) {
                return mode;
            }
        }
        throw new BadParameterException("mode", String.valueOf(text), "one of " + allowed());
    }

    private static String allowed() {
        return Arrays.stream(values()).map(PinningMode::word).collect(Collectors.joining(", "));
    }
}
