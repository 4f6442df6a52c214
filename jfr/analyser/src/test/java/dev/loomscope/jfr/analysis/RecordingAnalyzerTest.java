package dev.loomscope.jfr.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import dev.loomscope.jfr.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The computation on the committed fixtures; numbers cross-checked with jfr print. */
class RecordingAnalyzerTest {

    private static Report report(Path file) throws RecordingException {
        return RecordingAnalyzer.analyze(List.of(file)).combined();
    }

    @Test
    void reportsCarrierCountOfHopFixture() throws RecordingException {
        Report.Carriers carriers = report(Fixtures.HOP_AND_FANOUT).carriers();
        assertThat(carriers.count()).isEqualTo(2);
        assertThat(carriers.parallelism()).isEqualTo(2);
        assertThat(carriers.perCarrier()).extracting(Report.CarrierUse::name)
                .containsExactly("ForkJoinPool-1-worker-1", "ForkJoinPool-1-worker-2");
        assertThat(carriers.perCarrier().stream().mapToLong(Report.CarrierUse::requestStarts).sum()).isEqualTo(165);
        assertThat(carriers.perCarrier().stream().mapToLong(Report.CarrierUse::callResumes).sum()).isEqualTo(100);
    }

    @Test
    void countsRequestsAndCallsOfHopFixture() throws RecordingException {
        Report report = report(Fixtures.HOP_AND_FANOUT);
        Report.Requests requests = report.requests();
        assertThat(requests.count()).isEqualTo(165);
        assertThat(requests.onVirtualThreads()).isEqualTo(165);
        assertThat(requests.maxInFlightPerHandlerThread()).isEqualTo(1);
        assertThat(requests.peakInFlight()).isEqualTo(40);
        assertThat(requests.multiplexingRatio()).isEqualTo(20.0);
        assertThat(requests.byStatus()).containsExactly(java.util.Map.entry("200", 165L));
        assertThat(requests.latencyMillis().p50()).isPositive().isLessThanOrEqualTo(requests.latencyMillis().max());

        Report.ClientCalls calls = report.clientCalls();
        assertThat(calls.count()).isEqualTo(100);
        assertThat(calls.onHandlerThread()).as("60 hops call on their own thread, 40 fan-out calls do not")
                .isEqualTo(60);
        assertThat(calls.onHandlerThreadShare()).isEqualTo(0.6);
        assertThat(calls.byOutcome()).containsEntry("ok", 100L);
        assertThat(calls.resumedOnOtherCarrier()).isBetween(0L, 100L);
        // Recorded before loomscope.ServerRequest had its protocol and connection fields.
        assertThat(report.missing()).containsExactly(Report.CONNECTIONS);
        assertThat(report.verdict()).startsWith("Yes: 165 requests and their 100 client calls");
    }

    @Test
    void countsLoomscopeFanoutThreads() throws RecordingException {
        Report.VirtualThreads threads = report(Fixtures.HOP_AND_FANOUT).virtualThreads();
        assertThat(threads.loomscopeStarted()).as("5 fan-outs of 8 calls").isEqualTo(40);
        assertThat(threads.loomscopeAliveAtEnd()).isZero();
        assertThat(threads.peakAlive()).isBetween(40L, threads.started());
    }

    @Test
    void groupsClassInitPinsByTopApplicationFrame() throws RecordingException {
        Report.Pinning pinning = report(Fixtures.PINNING_CLASS_INIT).pinning();
        assertThat(pinning.count()).isEqualTo(4);
        Report.PinGroup classInit = pinning.groups().get(0);
        assertThat(classInit.topFrame()).isEqualTo("dev.loomscope.server.ClassInitBlocker.sleepInClassInit(44)");
        assertThat(classInit.count()).isEqualTo(3);
        assertThat(classInit.reasons()).containsExactly(
                "VM call to dev.loomscope.server.SlowStaticInit.<clinit> on stack");
        assertThat(classInit.blockingOperations()).containsExactly("LockSupport.park");
        assertThat(classInit.carriers()).allMatch(name -> name.startsWith("ForkJoinPool-1-worker-"));
        assertThat(classInit.stackTrace()).contains("dev.loomscope.server.SlowStaticInit.<clinit>(7)");
        assertThat(classInit.maxMillis()).isGreaterThanOrEqualTo(30.0);
        assertThat(pinning.totalMillis()).isEqualTo(
                pinning.groups().stream().mapToDouble(Report.PinGroup::totalMillis).sum(),
                org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void plainRecordingStillReportsVirtualThreadsAndPinning() throws RecordingException {
        Report report = report(Fixtures.PLAIN_NO_LOOMSCOPE);
        assertThat(report.missing()).containsExactly(Report.REQUESTS, Report.CLIENT_CALLS, Report.CONNECTIONS);
        assertThat(report.requests()).isNull();
        assertThat(report.clientCalls()).isNull();
        assertThat(report.virtualThreads().started()).isEqualTo(201);
        assertThat(report.virtualThreads().ended()).isEqualTo(201);
        assertThat(report.virtualThreads().aliveAtEnd()).isZero();
        assertThat(report.virtualThreads().peakAlive()).isBetween(2L, 201L);
        assertThat(report.pinning().groups()).singleElement().extracting(Report.PinGroup::topFrame)
                .isEqualTo("PlainVirtualThreads$SlowInit.<clinit>(7)");
        assertThat(report.verdict()).startsWith("Cannot tell:");
    }

    @Test
    void defaultSettingsRecordingSaysVirtualThreadEventsAreMissing() throws RecordingException {
        Report report = report(Fixtures.PLAIN_DEFAULT_SETTINGS);
        assertThat(report.virtualThreads()).isNull();
        assertThat(report.missing()).containsExactly(Report.VIRTUAL_THREADS, Report.REQUESTS, Report.CLIENT_CALLS,
                                                     Report.CONNECTIONS);
        assertThat(report.pinning().count()).isEqualTo(1);
        assertThat(report.submitFailures().count()).isZero();
    }

    @Test
    void recordingFactsNameTheJdkAndTheTimeSpan() throws RecordingException {
        Report.RecordingFacts facts = report(Fixtures.HOP_AND_FANOUT).recording();
        assertThat(facts.jdk()).startsWith("25.");
        assertThat(facts.start()).isBefore(facts.end());
        assertThat(facts.durationMillis()).isBetween(1_000.0, 60_000.0);
        assertThat(facts.loomscopeEvents()).isTrue();
    }

    @Test
    void timelineKeepsSpansWithThreadsAndCarriers() throws RecordingException {
        Analysis analysis = RecordingAnalyzer.analyze(List.of(Fixtures.HOP_AND_FANOUT));
        Timeline timeline = analysis.timelines().get(0);
        assertThat(timeline.requests()).hasSize(165);
        assertThat(timeline.calls()).hasSize(100);
        assertThat(timeline.pins()).hasSize(40);
        assertThat(timeline.truncated()).isFalse();
        assertThat(timeline.requests()).isSortedAccordingTo(
                java.util.Comparator.comparing(Timeline.RequestSpan::start));
        assertThat(timeline.requests()).allSatisfy(span -> {
            assertThat(span.start()).isBeforeOrEqualTo(span.end());
            assertThat(span.startCarrier()).startsWith("ForkJoinPool-1-worker-");
            assertThat(span.threadId()).isPositive();
        });
    }

    @Test
    void timelineCapKeepsTheEarliestSpans() throws RecordingException {
        Analysis analysis = RecordingAnalyzer.analyze(List.of(Fixtures.HOP_AND_FANOUT), 10);
        Timeline timeline = analysis.timelines().get(0);
        assertThat(timeline.requests()).hasSize(10);
        assertThat(timeline.requestsTotal()).isEqualTo(165);
        assertThat(timeline.truncated()).isTrue();
        Timeline all = RecordingAnalyzer.analyze(List.of(Fixtures.HOP_AND_FANOUT)).timelines().get(0);
        assertThat(timeline.requests()).isEqualTo(all.requests().subList(0, 10));
        assertThat(analysis.combined().requests().count()).as("the cap never changes the counts").isEqualTo(165);
    }

    @Test
    void combinedKeepsThreadsOfDifferentJvmsApart() throws RecordingException {
        Analysis analysis = RecordingAnalyzer.analyze(List.of(Fixtures.HOP_AND_FANOUT, Fixtures.PINNING_CLASS_INIT));
        Report combined = analysis.combined();
        assertThat(combined.requests().handlerThreads()).isEqualTo(
                analysis.recordings().get(0).requests().handlerThreads()
                + analysis.recordings().get(1).requests().handlerThreads());
        assertThat(combined.virtualThreads().aliveAtEnd()).isEqualTo(
                analysis.recordings().get(0).virtualThreads().aliveAtEnd()
                + analysis.recordings().get(1).virtualThreads().aliveAtEnd());
    }

    @Test
    void notARecordingIsARecordingException() {
        assertThatThrownBy(() -> report(Path.of("pom.xml"))).isInstanceOf(RecordingException.class)
                .hasMessage("pom.xml is not a JFR recording (it does not start with FLR)");
    }

    @ParameterizedTest
    @MethodSource("dev.loomscope.jfr.analysis.RecordingAnalyzerTest#fixtures")
    void pinningFactsForTheCheckAreThoseOfTheFullReport(Path file) throws RecordingException {
        PinningFacts facts = RecordingAnalyzer.pinningFacts(List.of(file)).get(0);
        Report report = report(file);
        assertThat(facts.source()).isEqualTo(file.toString());
        assertThat(facts.pinning()).isEqualTo(report.pinning());
        assertThat(facts.submitFailures()).isEqualTo(report.submitFailures());
    }

    static Path[] fixtures() {
        return Fixtures.ALL;
    }
}
