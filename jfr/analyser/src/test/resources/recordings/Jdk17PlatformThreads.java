/** A JDK 17 program for make-recordings.sh: 8 busy platform threads, no virtual threads (JDK 17 has none). */
public class Jdk17PlatformThreads {
    public static void main(String[] args) throws Exception {
        Thread[] threads = new Thread[8];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> { long x = 0; for (int k = 0; k < 20_000_000; k++) x += k % 7; if (x == 42) System.out.println(x); });
            threads[i].start();
        }
        for (Thread t : threads) t.join();
        Thread.sleep(300);
    }
}
