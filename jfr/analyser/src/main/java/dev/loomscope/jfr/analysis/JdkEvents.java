package dev.loomscope.jfr.analysis;

/** Names of the JDK's event types and common fields the analysis reads. */
final class JdkEvents {

    static final String VIRTUAL_THREAD_START = "jdk.VirtualThreadStart";
    static final String VIRTUAL_THREAD_END = "jdk.VirtualThreadEnd";
    static final String VIRTUAL_THREAD_PINNED = "jdk.VirtualThreadPinned";
    static final String VIRTUAL_THREAD_SUBMIT_FAILED = "jdk.VirtualThreadSubmitFailed";
    static final String EVENT_THREAD = "eventThread";
    static final String STACK_TRACE = "stackTrace";

    private JdkEvents() {
    }
}
