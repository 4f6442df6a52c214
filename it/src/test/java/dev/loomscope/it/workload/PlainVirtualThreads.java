package dev.loomscope.it.workload;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A program nobody wrote the recorder for: virtual threads from plain JDK executors that sleep, read a loopback
 * socket whose peer answers late, and wait in a slow class initialiser (a pin). Threads are named by their factory
 * (JFR keeps the name a thread had when it first wrote it), so the test can tell them apart in the recording.
 */
public final class PlainVirtualThreads {

    private PlainVirtualThreads() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
             ExecutorService sleepers = named("sleeper-");
             ExecutorService readers = named("socket-reader-");
             ExecutorService pinner = named("pinner-")) {
            executor.submit(() -> answerLate(server));
            for (int i = 0; i < 20; i++) {
                int n = i;
                sleepers.submit(() -> {
                    Thread.sleep(10);
                    return n;
                });
            }
            for (int i = 0; i < 10; i++) {
                int n = i;
                readers.submit(() -> readOnce(server.getLocalPort()));
            }
            pinner.submit(() -> SlowInit.VALUE);
        }
    }

    private static ExecutorService named(String prefix) {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 0).factory());
    }

    private static Void answerLate(ServerSocket server) throws Exception {
        for (int i = 0; i < 10; i++) {
            Socket socket = server.accept();
            Thread.ofVirtual().name("answer-" + i).start(() -> {
                try (socket; OutputStream out = socket.getOutputStream()) {
                    Thread.sleep(20);
                    out.write(42);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return null;
    }

    private static int readOnce(int port) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port); InputStream in = socket.getInputStream()) {
            return in.read();
        }
    }

    /** Blocking in a static initialiser pins the virtual thread to its carrier on every JDK up to 25. */
    static final class SlowInit {
        static final int VALUE;

        static {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            VALUE = 1;
        }
    }
}
