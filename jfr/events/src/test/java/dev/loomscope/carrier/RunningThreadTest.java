package dev.loomscope.carrier;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunningThreadTest {

    private static RunningThread describeOn(Thread.Builder builder) throws InterruptedException {
        AtomicReference<RunningThread> seen = new AtomicReference<>();
        Thread thread = builder.start(() -> seen.set(RunningThread.current()));
        thread.join();
        return seen.get();
    }

    @Test
    void platformThreadHasNoCarrier() throws InterruptedException {
        RunningThread thread = describeOn(Thread.ofPlatform().name("plain-platform"));

        assertThat(thread.virtual()).isFalse();
        assertThat(thread.name()).isEqualTo("plain-platform");
        assertThat(thread.carrier()).isEmpty();
        assertThat(thread.threadId()).isPositive();
    }

    @Test
    void mountedVirtualThreadNamesItsSchedulerWorkerAsCarrier() throws InterruptedException {
        RunningThread thread = describeOn(Thread.ofVirtual());

        assertThat(thread.virtual()).isTrue();
        assertThat(thread.name()).isEmpty();
        assertThat(thread.carrier()).matches("ForkJoinPool-\\d+-worker-\\d+");
    }

    @Test
    void threadNameThatLooksLikeACarrierDoesNotConfuseTheParse() throws InterruptedException {
        RunningThread thread = describeOn(Thread.ofVirtual().name("evil]/runnable@NotACarrier"));

        assertThat(thread.name()).isEqualTo("evil]/runnable@NotACarrier");
        assertThat(thread.carrier()).matches("ForkJoinPool-\\d+-worker-\\d+");
    }

    @Test
    void carrierReadFromTheVirtualThreadsFieldIsTheOneTheJdkPrints() throws InterruptedException {
        AtomicReference<String> fromField = new AtomicReference<>();
        AtomicReference<String> fromText = new AtomicReference<>();
        Thread.ofVirtual().name("x]/runnable@NotACarrier").start(() -> {
            // No blocking call between the two reads, so both see one mount.
            fromField.set(RunningThread.carrierOf(Thread.currentThread()));
            fromText.set(RunningThread.carrierFromText(Thread.currentThread()));
        }).join();

        // This module's tests open java.lang as the recorder does in the server (pom.xml).
        assertThat(RunningThread.readsCarrierField()).isTrue();
        assertThat(fromField.get()).matches("ForkJoinPool-\\d+-worker-\\d+").isEqualTo(fromText.get());
    }

    @Test
    void unmountedVirtualThreadHasNoCarrier() throws InterruptedException {
        Thread parked = Thread.ofVirtual().unstarted(() -> { });
        // Not started, so not mounted: the JDK prints no carrier and the answer is "unknown", not an exception.
        assertThat(RunningThread.carrierOf(parked)).isEmpty();
    }

    @Test
    void threadWhoseToStringThrowsIsDescribedWithoutThrowing() throws InterruptedException {
        AtomicReference<RunningThread> seen = new AtomicReference<>();
        Thread odd = new Thread(() -> seen.set(RunningThread.current()), "odd") {
            @Override
            public String toString() {
                throw new IllegalStateException("no text for you");
            }
        };
        odd.start();
        odd.join();

        assertThat(seen.get().name()).isEqualTo("odd");
        assertThat(seen.get().carrier()).isEmpty();
    }
}
