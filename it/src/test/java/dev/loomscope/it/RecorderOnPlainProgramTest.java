package dev.loomscope.it;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.loomscope.it.workload.PlainVirtualThreads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The recorder agent on a program nobody wrote it for: sleeps, loopback socket reads and a class-init pin. */
class RecorderOnPlainProgramTest {

    private static RecordedChild child;
    private static Slices recorded;

    @BeforeAll
    static void runProgram() throws Exception {
        Path directory = Jars.output().resolve(RecorderOnPlainProgramTest.class.getSimpleName()).resolve("plain");
        TestOutput.clean(directory);
        child = RecordedChild.run(directory, PlainVirtualThreads.class);
        recorded = Slices.read(child.recording);
    }

    @Test
    void startsSilentlyAndSaysItIsOn() {
        assertThat(child.exitCode).isZero();
        assertThat(child.stderr).doesNotContain("WARNING").doesNotContainIgnoringCase("warning");
        assertThat(recorded.statuses).isNotEmpty().allMatch(status -> status.startsWith("on: "));
    }

    @Test
    void everySliceRunsOnAPlatformCarrierAndNoCarrierRunsTwoAtOnce() {
        assertThat(recorded.slices).hasSizeGreaterThan(50);
        assertThat(recorded.slices).allMatch(s -> !s.carrier().isVirtual() && s.carrier().getOSThreadId() != 0
                && s.virtualThread().isVirtual());
        assertThat(recorded.overlapsBy(Slices.Slice::carrierId)).isEmpty();
    }

    @Test
    void noVirtualThreadIsOnTwoCarriersAtOnce() {
        assertThat(recorded.overlapsBy(Slices.Slice::virtualId)).isEmpty();
    }

    @Test
    void everyStartedVirtualThreadHasSlices() {
        Set<Long> withSlices = recorded.slices.stream().map(Slices.Slice::virtualId).collect(Collectors.toSet());
        assertThat(recorded.virtualStarts).isNotEmpty();
        assertThat(withSlices).containsAll(recorded.virtualStarts);
    }

    @Test
    void sleepersAreWokenByTheTimerAndSocketReadersByAPoller() {
        assertThat(sources("sleeper-")).contains("timer").doesNotContain("poller");
        assertThat(sources("socket-reader-")).contains("poller");
        assertThat(recorded.wakeupsOfNamed("socket-reader-").stream().filter(w -> w.source().equals("poller"))
                .map(w -> w.waker().getJavaName()))
                .allMatch(name -> name.startsWith("SubPoller-") || name.equals("MasterPoller")
                        || name.endsWith("-Poller"));
    }

    @Test
    void slicesEndParkedOrTerminatedAndThePinnedThreadStaysMountedThroughItsSleep() {
        assertThat(recorded.slices).extracting(Slices.Slice::endKind).contains("parked", "terminated");
        // The class-init sleep pins: the carrier itself parks, so the pinner's one slice lasts the whole 30 ms.
        List<Slices.Slice> pinner = recorded.slicesOf("pinner-0");
        assertThat(pinner).isNotEmpty();
        assertThat(pinner.stream().mapToLong(s -> java.time.Duration.between(s.start(), s.end()).toMillis()).max()
                .orElseThrow()).isGreaterThanOrEqualTo(29);
    }

    @Test
    void subPollersRunOnTheSameCarriersAsTheProgramsThreads() {
        Set<Long> pollerCarriers = recorded.slices.stream()
                .filter(s -> s.virtualThread().getJavaName() != null && s.virtualThread().getJavaName().startsWith("SubPoller-"))
                .map(Slices.Slice::carrierId).collect(Collectors.toSet());
        Set<Long> readerCarriers = recorded.slices.stream()
                .filter(s -> s.virtualThread().getJavaName() != null && s.virtualThread().getJavaName().startsWith("socket-reader-"))
                .map(Slices.Slice::carrierId).collect(Collectors.toSet());
        assertThat(pollerCarriers).as("JDK 22+ runs SubPoller-N as virtual threads").isNotEmpty();
        assertThat(pollerCarriers).containsAnyElementsOf(readerCarriers);
    }

    private static List<String> sources(String prefix) {
        return recorded.wakeupsOfNamed(prefix).stream().map(Slices.Wakeup::source).filter(s -> !s.equals("start"))
                .toList();
    }
}
