package dev.loomscope.jfr.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.loomscope.jfr.Fixtures;
import dev.loomscope.jfr.render.JsonRenderer;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

class SliceAnalysisTest {

    private static Report report(java.nio.file.Path file) throws RecordingException {
        return RecordingAnalyzer.analyze(List.of(file)).combined();
    }

    @Test
    void aThreadWokenTwiceAndRunOnTwoCarriersHasOneMigrationAndItsWaitAsReadyDelay() throws RecordingException {
        Slices slices = report(Fixtures.TWO_HOPS).slices();
        assertThat(slices.count()).isEqualTo(3);
        assertThat(slices.carriers()).extracting(Slices.Carrier::name)
                .containsExactly("carrier-1", "carrier-2", "carrier-3");
        assertThat(slices.virtualThreads().top()).first().satisfies(a -> {
            assertThat(a.name()).isEqualTo("worker-a");
            assertThat(a.slices()).isEqualTo(2);
            assertThat(a.carriers()).isEqualTo(2);
            assertThat(a.migrations()).isEqualTo(1);
        });
        assertThat(slices.virtualThreads().migrations()).isEqualTo(1);
        assertThat(slices.scheduler().bySource()).containsExactlyInAnyOrderEntriesOf(Map.of("timer", 1L, "thread", 1L));
        // Each wake-up is followed by a 5 ms sleep before the slice begins; worker-b's slice has no wake-up.
        assertThat(slices.scheduler().readyDelayMillis().p50()).isGreaterThanOrEqualTo(5.0);
        assertThat(slices.scheduler().unmatchedWakeups()).isZero();
        assertThat(slices.invariants().holds()).isTrue();
        assertThat(slices.byEnd()).containsExactly(Map.entry("parked", 3L));
    }

    @Test
    void twoSlicesAtOnceOnOneCarrierAreReportedAsARecorderBug() throws RecordingException {
        Slices.Invariants invariants = report(Fixtures.OVERLAP_ON_CARRIER).slices().invariants();
        assertThat(invariants.holds()).isFalse();
        assertThat(invariants.carrierOverlaps()).isEqualTo(1);
        assertThat(invariants.virtualThreadOverlaps()).isZero();
        assertThat(invariants.examples()).singleElement().asString()
                .startsWith("carrier carrier-1 ran worker-a (#").contains(" and worker-b (#");
    }

    @Test
    void aVirtualThreadOnTwoCarriersAtOnceIsReportedAsARecorderBug() throws RecordingException {
        Slices.Invariants invariants = report(Fixtures.THREAD_ON_TWO_CARRIERS).slices().invariants();
        assertThat(invariants.holds()).isFalse();
        assertThat(invariants.carrierOverlaps()).isZero();
        assertThat(invariants.virtualThreadOverlaps()).isEqualTo(1);
        assertThat(invariants.examples()).singleElement().asString()
                .startsWith("virtual thread worker-a (#").contains("ran on carrier-1 from").contains("and on carrier-2");
    }

    @Test
    void aRecordingMadeWithoutTheRecorderHasNoSlicesKeyAndDoesNotListSlicesAsMissing() throws RecordingException {
        for (java.nio.file.Path file : Fixtures.ALL) {
            Report report = report(file);
            assertThat(report.slices()).as(file.toString()).isNull();
            assertThat(report.recorder()).as(file.toString()).isNull();
            assertThat(report.missing()).as(file.toString()).doesNotContain(Report.SLICES);
            assertThat(new JsonRenderer().tree(report).has("slices")).isFalse();
            assertThat(new JsonRenderer().tree(report).has("recorder")).isFalse();
        }
    }

    @Test
    void realRecordingsKeepBothInvariantsAndSayTheRecorderWasOn() throws RecordingException {
        for (java.nio.file.Path file : List.of(Fixtures.SERVER_SLICES, Fixtures.PLAIN_SLICES)) {
            Report report = report(file);
            assertThat(report.slices().invariants().holds()).as(file.toString()).isTrue();
            assertThat(report.recorder().state()).isEqualTo("on");
        }
    }

    @Test
    void slicesWakeupsAndPerCarrierCountsEqualTheJdkConsumerApi() throws Exception {
        for (java.nio.file.Path file : Fixtures.WITH_SLICES) {
            List<RecordedEvent> events = RecordingFile.readAllEvents(file);
            List<RecordedEvent> jdkSlices = events.stream()
                    .filter(e -> e.getEventType().getName().equals("loomscope.VirtualThreadSlice")).toList();
            Map<String, Long> perCarrier = jdkSlices.stream()
                    .collect(Collectors.groupingBy(e -> e.getThread().getJavaName(), Collectors.counting()));
            long threads = jdkSlices.stream().map(e -> e.getThread("virtualThread").getJavaThreadId()).distinct()
                    .count();
            long wakeups = events.stream()
                    .filter(e -> e.getEventType().getName().equals("loomscope.VirtualThreadWakeup")).count();
            Slices slices = report(file).slices();
            assertThat(slices.count()).as(file.toString()).isEqualTo(jdkSlices.size());
            assertThat(slices.virtualThreads().count()).as(file.toString()).isEqualTo(threads);
            assertThat(slices.scheduler().wakeups()).as(file.toString()).isEqualTo(wakeups);
            assertThat(slices.carriers().stream().collect(Collectors.groupingBy(Slices.Carrier::name,
                    Collectors.summingLong(Slices.Carrier::slices)))).as(file.toString()).isEqualTo(perCarrier);
            assertThat(slices.byEnd()).isEqualTo(jdkSlices.stream()
                    .collect(Collectors.groupingBy(e -> e.getString("end"), Collectors.counting())));
        }
    }

    @Test
    void sliceAndWakeupCountsEqualJfrSummary() throws Exception {
        java.nio.file.Path jfr = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jfr");
        Process process = new ProcessBuilder(jfr.toString(), "summary", Fixtures.SERVER_SLICES.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        java.util.regex.Matcher slices = java.util.regex.Pattern
                .compile("(?m)^\\s*loomscope.VirtualThreadSlice\\s+(\\d+)\\s").matcher(output);
        java.util.regex.Matcher wakeups = java.util.regex.Pattern
                .compile("(?m)^\\s*loomscope.VirtualThreadWakeup\\s+(\\d+)\\s").matcher(output);
        assertThat(slices.find()).as(output).isTrue();
        assertThat(wakeups.find()).as(output).isTrue();
        Slices ours = report(Fixtures.SERVER_SLICES).slices();
        assertThat(ours.count()).isEqualTo(Long.parseLong(slices.group(1)));
        assertThat(ours.scheduler().wakeups()).isEqualTo(Long.parseLong(wakeups.group(1)));
    }

    @Test
    void aPinIsChargedToTheCarrierTheJdkNamesForIt() throws Exception {
        // JDK 24+ names the pin's carrier; the analyser finds it from the slice around the pin, as it must on 21.
        RecordedEvent pin = RecordingFile.readAllEvents(Fixtures.PLAIN_SLICES).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned")).findFirst().orElseThrow();
        String carrier = ((RecordedThread) pin.getValue("carrierThread")).getJavaName();
        Slices slices = report(Fixtures.PLAIN_SLICES).slices();
        Slices.Carrier charged = slices.carriers().stream().filter(c -> c.pinnedMillis() > 0).findFirst()
                .orElseThrow();
        assertThat(charged.name()).isEqualTo(carrier);
        assertThat(charged.pinnedMillis()).isCloseTo(pin.getDuration().toNanos() / 1e6,
                                                    org.assertj.core.data.Offset.offset(0.01));
        assertThat(charged.longestSliceMillis()).isGreaterThanOrEqualTo(charged.pinnedMillis());
    }

    @Test
    void everyServerRequestIsJoinedWithTheSlicesOfItsHandlerThread() throws RecordingException {
        Report report = report(Fixtures.SERVER_SLICES);
        Slices.Requests requests = report.slices().requests();
        assertThat(requests.count()).isEqualTo(report.requests().count());
        assertThat(requests.withSlices()).isEqualTo(requests.count());
        assertThat(requests.hops().p50()).isGreaterThanOrEqualTo(1);
        assertThat(requests.examples()).isNotEmpty().allSatisfy(hops -> {
            assertThat(hops.hops()).isPositive();
            assertThat(hops.mountedMillis() + hops.waitingMillis())
                    .isCloseTo(hops.durationMillis(), org.assertj.core.data.Offset.offset(0.01));
        });
    }

    @Test
    void theJdksPollersShowAsVirtualThreadsOnTheCarriers() throws RecordingException {
        Slices.Pollers pollers = report(Fixtures.SERVER_SLICES).slices().scheduler().pollers();
        assertThat(pollers.threads()).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("SubPoller-"));
        assertThat(pollers.slices()).isPositive();
        assertThat(report(Fixtures.SERVER_SLICES).slices().scheduler().bySource()).containsKey("poller");
    }

    @Test
    void busyOverTimeHasOneSharePerBucketAndSumsToTheCarriersBusyTime() throws RecordingException {
        Slices slices = report(Fixtures.PLAIN_SLICES).slices();
        for (Slices.Carrier carrier : slices.carriers()) {
            assertThat(carrier.busyOverTime()).hasSize(SliceAnalysis.BUCKETS)
                    .allSatisfy(share -> assertThat(share).isBetween(0.0, 1.0));
            double busy = carrier.busyOverTime().stream().mapToDouble(Double::doubleValue).sum()
                          * slices.bucketMillis();
            assertThat(busy).isCloseTo(carrier.busyMillis(), org.assertj.core.data.Offset.offset(0.05));
        }
    }
}
