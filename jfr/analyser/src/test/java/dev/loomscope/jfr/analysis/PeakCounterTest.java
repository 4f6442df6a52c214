package dev.loomscope.jfr.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeakCounterTest {

    @Test
    void backToBackSpansDoNotOverlap() {
        PeakCounter counter = new PeakCounter();
        counter.up(10);
        counter.down(20);
        counter.up(20);
        counter.down(30);
        assertThat(counter.peak()).isEqualTo(1);
    }

    @Test
    void countsOverlapWhateverTheOrderOfArrival() {
        PeakCounter counter = new PeakCounter();
        counter.down(50);
        counter.up(30);
        counter.up(10);
        counter.down(40);
        counter.up(35);
        counter.down(60);
        assertThat(counter.peak()).isEqualTo(3);
    }

    @Test
    void endsOfThreadsStartedBeforeTheRecordingAreIgnored() {
        PeakCounter counter = new PeakCounter();
        counter.down(5);
        counter.up(10);
        counter.up(11);
        assertThat(counter.peak()).isEqualTo(2);
    }

    @Test
    void namesWithNumbersSortByValue() {
        assertThat(NaturalOrder.INSTANCE.compare("ForkJoinPool-1-worker-2", "ForkJoinPool-1-worker-10")).isNegative();
        assertThat(NaturalOrder.INSTANCE.compare("a", "a")).isZero();
    }
}
