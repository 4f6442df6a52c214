package dev.loomscope.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import dev.loomscope.it.workload.JdkHttpServerOnVirtualThreads;
import dev.loomscope.it.workload.PlainVirtualThreads;
import dev.loomscope.jfr.analysis.Report;
import org.junit.jupiter.api.Test;

/**
 * The analyser on recordings of programs nobody wrote it for, run with the recorder agent: its slices section
 * against the same recording read with jdk.jfr.consumer ({@link Slices}).
 */
class AnalyserReadsRecorderSlicesTest {

    private static RecordedChild run(String name, Class<?> main, String... jvmOptions) throws Exception {
        Path directory = Jars.output().resolve(AnalyserReadsRecorderSlicesTest.class.getSimpleName()).resolve(name);
        TestOutput.clean(directory);
        RecordedChild child = RecordedChild.run(directory, main, jvmOptions);
        assertThat(child.exitCode).as(child.stderr).isZero();
        return child;
    }

    @Test
    void onTheJdkHttpServerTheReportCountsEverySliceAndWakeupAndTheInvariantsHold() throws Exception {
        RecordedChild child = run("httpserver", JdkHttpServerOnVirtualThreads.class);
        Slices recorded = Slices.read(child.recording);
        dev.loomscope.jfr.analysis.Slices slices = Analysed.report(child.recording).slices();

        assertThat(slices.count()).isEqualTo(recorded.slices.size());
        assertThat(slices.scheduler().wakeups()).isEqualTo(recorded.wakeups.size());
        assertThat(slices.invariants().holds()).isEqualTo(recorded.overlapsBy(Slices.Slice::carrierId).isEmpty()
                                                          && recorded.overlapsBy(Slices.Slice::virtualId).isEmpty());
        assertThat(slices.invariants().holds()).as("%s", slices.invariants().examples()).isTrue();
        // 30 handlers each sleep 2 ms.
        assertThat(slices.scheduler().bySource().getOrDefault("timer", 0L)).isGreaterThanOrEqualTo(30);
        assertThat(slices.scheduler().readyDelayMillis()).isNotNull();
    }

    @Test
    void onPlainExecutorsSocketWakeupsComeFromThePollersWhoseSlicesShareTheCarriers() throws Exception {
        RecordedChild child = run("plain", PlainVirtualThreads.class);
        dev.loomscope.jfr.analysis.Slices slices = Analysed.report(child.recording).slices();

        assertThat(slices.invariants().holds()).as("%s", slices.invariants().examples()).isTrue();
        assertThat(slices.scheduler().bySource().getOrDefault("poller", 0L)).isPositive();
        if (Runtime.version().feature() >= 22) {
            assertThat(slices.scheduler().pollers().threads()).isNotEmpty()
                    .allSatisfy(name -> assertThat(name).startsWith("SubPoller-"));
            assertThat(slices.scheduler().pollers().slices()).isPositive();
        }
    }

    @Test
    void whenTheRecorderIsOffTheReportSaysSoAndWhyAndListsSlicesAsMissing() throws Exception {
        RecordedChild child = run("off", PlainVirtualThreads.class,
                                  "-Dloomscope.agent.test.runMethod=runContinuationGone");
        Report report = Analysed.report(child.recording);

        assertThat(report.slices()).isNull();
        assertThat(report.recorder().off()).isTrue();
        assertThat(report.recorder().reason()).isEqualTo("VirtualThread.runContinuationGone() not found");
        assertThat(report.missing()).contains(Report.SLICES);
    }
}
