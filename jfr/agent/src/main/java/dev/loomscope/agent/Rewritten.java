package dev.loomscope.agent;

/** A JDK class's rewritten bytes, or, when it was left alone, the reason why. */
record Rewritten(byte[] bytes, String problem) {

    static Rewritten leftAlone(String problem) {
        return new Rewritten(null, problem);
    }
}
