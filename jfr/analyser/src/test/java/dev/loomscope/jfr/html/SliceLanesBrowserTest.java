package dev.loomscope.jfr.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loomscope.jfr.Fixtures;
import dev.loomscope.jfr.analysis.Analysis;
import dev.loomscope.jfr.analysis.ManySlices;
import dev.loomscope.jfr.analysis.RecordingAnalyzer;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;

/**
 * The carrier lanes drawn from the recorder's slices, in headless Chromium: set up as HtmlReportBrowserTest is, in
 * a class of its own so that the two pages' parts stay apart.
 */
class SliceLanesBrowserTest {

    private static final Path OUT = Path.of("target/html-report");
    /** As the page lays its lanes out (report.html, carrier lanes script). */
    private static final int LEFT_PAD = 190;
    private static final int RIGHT_PAD = 10;
    private static final int TOP_PAD = 22;
    private static final int LANE_HEIGHT = 24;

    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static JsonNode writeReport(Path recording, Path page) throws Exception {
        return HeadlessChromium.writeReport(recording, page, false);
    }

    private static void open(Path page) {
        HeadlessChromium.open(browser, page);
    }

    private static List<org.openqa.selenium.logging.LogEntry> consoleErrors() {
        return HeadlessChromium.consoleErrors(browser);
    }

    @Test
    void lanesDrawEveryCarrierAndZoomedInShowTheLongestSliceWithItsThreadAndWakeup() throws Exception {
        Path page = OUT.resolve("server-hops-with-slices.html");
        JsonNode json = writeReport(Fixtures.SERVER_SLICES, page);
        // The longest slice, as the JDK's own parser reads it.
        RecordedEvent longest = RecordingFile.readAllEvents(Fixtures.SERVER_SLICES).stream()
                .filter(e -> e.getEventType().getName().equals("loomscope.VirtualThreadSlice"))
                .max(Comparator.comparing(RecordedEvent::getDuration)).orElseThrow();
        String carrier = longest.getThread().getJavaName();
        String name = longest.getThread("virtualThread").getJavaName();
        String thread = (name == null || name.isEmpty() ? "unnamed" : name) + " #"
                        + longest.getThread("virtualThread").getJavaThreadId();

        open(page);

        assertThat(consoleErrors()).isEmpty();
        WebElement lanes = browser.findElement(By.cssSelector("[data-testid='slice-lanes']"));
        assertThat(Integer.parseInt(lanes.getAttribute("data-lanes"))).isEqualTo(json.at("/slices/carriers").size());
        // A small recording: the whole of it is drawn slice by slice, each once.
        assertThat(lanes.getAttribute("data-mode")).isEqualTo("exact");
        assertThat(Long.parseLong(lanes.getAttribute("data-drawn-slices"))).isEqualTo(json.at("/slices/count").asLong());

        // Zoom to the slice with its own length of room on each side: it lies in the middle third of the lanes.
        Instant origin = Instant.parse(json.at("/recording/start").asText());
        long start = Duration.between(origin, longest.getStartTime()).toNanos();
        long nanos = longest.getDuration().toNanos();
        browser.executeScript("arguments[0].showWindow(arguments[1], arguments[2]);", lanes, start - nanos,
                              start + 2 * nanos);
        assertThat(lanes.getAttribute("data-mode")).isEqualTo("exact");
        assertThat(Integer.parseInt(lanes.getAttribute("data-drawn-slices"))).isPositive();

        int lane = json.at("/slices/carriers").findValuesAsText("name").indexOf(carrier);
        int width = lanes.getSize().getWidth();
        int height = lanes.getSize().getHeight();
        int x = LEFT_PAD + (width - LEFT_PAD - RIGHT_PAD) / 2 - width / 2;
        int y = TOP_PAD + lane * LANE_HEIGHT + LANE_HEIGHT / 2 - height / 2;
        new Actions(browser).moveToElement(lanes, x, y).perform();
        WebElement tooltip = browser.findElement(By.id("tooltip"));
        assertThat(tooltip.getText()).startsWith(thread + " on " + carrier).contains("woken by ");
        Files.write(OUT.resolve("server-hops-with-slices-lanes.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aMillionSlicesAreDrawnAsPerPixelSummariesAndTheDrawingStaysFast() throws Exception {
        Path page = OUT.resolve("a-million-slices.html");
        Analysis small = RecordingAnalyzer.analyze(List.of(Fixtures.TWO_HOPS));
        Analysis analysis = new Analysis(small.recordings(), small.combined(), small.timelines(),
                                         ManySlices.lanes(1_000_000));
        HeadlessChromium.writePage(analysis, Fixtures.TWO_HOPS, page, false);
        assertThat(Files.size(page)).as("page bytes").isLessThan(8_000_000);

        open(page);

        assertThat(consoleErrors()).isEmpty();
        WebElement lanes = browser.findElement(By.cssSelector("[data-testid='slice-lanes']"));
        assertThat(lanes.getAttribute("data-mode")).isEqualTo("summary");
        assertThat(Integer.parseInt(lanes.getAttribute("data-drawn-buckets"))).isPositive();
        Object millis = browser.executeScript("const t = performance.now(); for (let i = 0; i < 10; i++)"
                + " arguments[0].showWindow(i * 1e8, i * 1e8 + 5e7); return (performance.now() - t) / 10;", lanes);
        // Zoomed to 50 ms: the windows' own summaries, each redraw well under a frame budget of a slow machine.
        assertThat(lanes.getAttribute("data-mode")).isEqualTo("mixed");
        assertThat(((Number) millis).doubleValue()).as("ms per redraw").isLessThan(200);
        System.out.printf("a million slices: page %,d bytes, %.1f ms per zoomed redraw, drawn in %s ms%n",
                          Files.size(page), ((Number) millis).doubleValue(),
                          browser.findElement(By.tagName("body")).getAttribute("data-render-millis"));
    }

    @Test
    void aRecordingWithoutSlicesLeavesTheLanesSectionHidden() throws Exception {
        Path page = OUT.resolve("plain-jdk-lanes.html");
        writeReport(Fixtures.PLAIN_NO_LOOMSCOPE, page);

        open(page);

        assertThat(consoleErrors()).isEmpty();
        assertThat(browser.findElement(By.id("slice-lanes-section")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("slice-lanes")).getAttribute("data-mode")).isEqualTo("none");
    }

    @Test
    void aRecordingWhoseRecorderWasOffSaysWhyWhereTheLanesWouldBe() throws Exception {
        Path page = OUT.resolve("recorder-off.html");
        writeReport(Fixtures.RECORDER_OFF, page);

        open(page);

        assertThat(consoleErrors()).isEmpty();
        assertThat(browser.findElement(By.id("slice-lanes-note")).getText()).isEqualTo(
                "The loomscope recorder was off: VirtualThread.runContinuationGone() not found. No slice was recorded.");
    }

}
