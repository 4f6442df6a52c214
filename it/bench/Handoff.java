import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * Two virtual threads that hand a turn to each other (park, unpark) on one carrier: each hand-off is one slice and
 * one wake-up for the recorder, and nothing else, so CPU per hand-off with the recorder on, minus the same with it
 * off, is what one slice and one wake-up cost.
 *
 * <p>Usage: .ci/jdk java [-javaagent:...] -Djdk.virtualThreadScheduler.parallelism=1 it/bench/Handoff.java HANDOFFS
 * ROUNDS ALLOC_BYTES; prints one line per round with the process's CPU time per hand-off (ALLOC_BYTES allocated per
 * hand-off, so that young collections run as in a server, where stack chunks are allocated and collected).
 */
public class Handoff {
    private static volatile Thread first;
    private static volatile Thread second;
    private static volatile int turn;
    private static volatile Object sink;

    public static void main(String[] args) throws Exception {
        int handoffs = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int alloc = Integer.parseInt(args[2]);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int round = 1; round <= rounds; round++) {
            long cpu = os.getProcessCpuTime();
            turn = 0;
            first = Thread.ofVirtual().unstarted(() -> take(handoffs / 2, 0, alloc));
            second = Thread.ofVirtual().unstarted(() -> take(handoffs / 2, 1, alloc));
            first.start();
            second.start();
            first.join();
            second.join();
            System.out.printf("round %d: %.0f ns CPU per hand-off%n", round,
                              (os.getProcessCpuTime() - cpu) / (double) handoffs);
        }
    }

    private static void take(int turns, int me, int alloc) {
        Thread other = me == 0 ? second : first;
        while (other == null) {
            Thread.onSpinWait();
            other = me == 0 ? second : first;
        }
        for (int i = 0; i < turns; i++) {
            while (turn != me) {
                LockSupport.park();
            }
            if (alloc > 0) {
                sink = new byte[alloc];
            }
            turn = 1 - me;
            LockSupport.unpark(other);
        }
    }
}
