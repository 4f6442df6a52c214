package dev.loomscope.jfr.html;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loomscope.jfr.Fixtures;
import dev.loomscope.jfr.analysis.RecordingAnalyzer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;

import static org.assertj.core.api.Assertions.assertThat;

/** Opens a generated report in headless Chromium (Debian's chromium and chromedriver) and reads what it shows. */
class HtmlReportBrowserTest {

    private static final Path OUT = Path.of("target/html-report");

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
        return HeadlessChromium.writeReport(recording, page, true);
    }

    private static void open(Path page) {
        HeadlessChromium.open(browser, page);
    }

    private static List<org.openqa.selenium.logging.LogEntry> consoleErrors() {
        return HeadlessChromium.consoleErrors(browser);
    }

    private static JsonNode writeReport(Path recording, Path page, int timelineCap) throws Exception {
        return HeadlessChromium.writePage(RecordingAnalyzer.analyze(List.of(recording), timelineCap), recording, page,
                                          true);
    }

    private static String shown(String testId) {
        return browser.findElement(By.cssSelector("[data-testid='" + testId + "']")).getAttribute("data-value");
    }

    @Test
    void reportOfHopAndFanoutOpensWithoutConsoleErrorsAndShowsTheJsonNumbers() throws Exception {
        Path page = OUT.resolve("hop-and-fanout.html");
        JsonNode json = writeReport(Fixtures.HOP_AND_FANOUT, page);

        open(page);

        assertThat(consoleErrors()).isEmpty();
        WebElement timeline = browser.findElement(By.cssSelector("[data-testid='timeline']"));
        assertThat(Integer.parseInt(timeline.getAttribute("data-lanes"))).isEqualTo(json.at("/carriers/count").asInt());
        Map<String, String> expected = Map.of(
                "carriers", json.at("/carriers/count").asText(),
                "requests", json.at("/requests/count").asText(),
                "peak-in-flight", json.at("/requests/peakInFlight").asText(),
                "multiplexing-ratio", json.at("/requests/multiplexingRatio").asText(),
                "client-calls", json.at("/clientCalls/count").asText(),
                "on-handler-thread", json.at("/clientCalls/onHandlerThreadShare").asText(),
                "resumed-elsewhere", json.at("/clientCalls/resumedOnOtherCarrierShare").asText(),
                "virtual-threads-started", json.at("/virtualThreads/started").asText(),
                "pinned", json.at("/pinning/count").asText());
        expected.forEach((testId, value) ->
                assertThat(Double.parseDouble(shown(testId))).as(testId).isEqualTo(Double.parseDouble(value)));
        assertThat(browser.findElement(By.cssSelector("[data-testid='verdict']")).getText())
                .isEqualTo(json.at("/verdict").asText());
        assertThat(browser.findElements(By.cssSelector("#jmc tbody tr"))).isNotEmpty();
        Files.write(OUT.resolve("hop-and-fanout.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void reportOfPinningRecordingListsThePinnedFrame() throws Exception {
        Path page = OUT.resolve("pinning-class-init.html");
        JsonNode json = writeReport(Fixtures.PINNING_CLASS_INIT, page);

        open(page);

        assertThat(consoleErrors()).isEmpty();
        List<WebElement> rows = browser.findElements(By.cssSelector("#pinning tbody tr"));
        assertThat(rows).hasSize(json.at("/pinning/groups").size()).isNotEmpty();
        assertThat(rows.get(0).getText()).contains(json.at("/pinning/groups/0/topFrame").asText());
    }

    @Test
    void recordingWithoutLoomscopeEventsStillRendersAndSaysWhatIsMissing() throws Exception {
        Path page = OUT.resolve("plain-jdk.html");
        writeReport(Fixtures.PLAIN_NO_LOOMSCOPE, page);

        open(page);

        assertThat(consoleErrors()).isEmpty();
        assertThat(browser.findElement(By.id("missing")).getText()).contains("requests");
    }

    @Test
    void recordingWithoutCarriersDrawsEveryPartAndSaysRequestsInFlightWereNotRecorded() throws Exception {
        Path page = OUT.resolve("no-carriers.html");
        JsonNode json = writeReport(Fixtures.NO_PINS_DEFAULT, page);
        assertThat(json.get("carriers").isNull()).isTrue();

        open(page);

        assertThat(consoleErrors()).isEmpty();
        assertThat(shown("carriers")).isEmpty();
        assertThat(browser.findElement(By.id("inflight-note")).getText()).startsWith("Not recorded");
        assertThat(browser.findElements(By.cssSelector("#jmc tbody tr"))).isNotEmpty();
    }

    @Test
    void aJdk17RecordingRendersWithoutConsoleErrorsAndSaysThatJdkHasNoVirtualThreads() throws Exception {
        Path page = OUT.resolve("jdk17.html");
        JsonNode json = writeReport(Fixtures.JDK17, page);
        assertThat(json.at("/recording/jdk").asText()).startsWith("17.");

        open(page);

        assertThat(consoleErrors()).isEmpty();
        assertThat(browser.findElement(By.cssSelector("[data-testid='verdict']")).getText())
                .contains("JDK 17 has no virtual threads");
        assertThat(browser.findElements(By.cssSelector("#jmc tbody tr"))).isNotEmpty();
    }

    @Test
    void aPageThatKeepsFewSpansStillDrawsThePeakAndEveryCarrierOfTheWholeRecording() throws Exception {
        Path page = OUT.resolve("hop-and-fanout-capped.html");
        JsonNode json = writeReport(Fixtures.HOP_AND_FANOUT, page, 20);

        open(page);

        assertThat(consoleErrors()).isEmpty();
        WebElement inflight = browser.findElement(By.cssSelector("[data-testid='inflight']"));
        assertThat(Long.parseLong(inflight.getAttribute("data-peak"))).isEqualTo(json.at("/requests/peakInFlight").asLong());
        WebElement timeline = browser.findElement(By.cssSelector("[data-testid='timeline']"));
        assertThat(Integer.parseInt(timeline.getAttribute("data-heat-lanes"))).isPositive();
        assertThat(Integer.parseInt(timeline.getAttribute("data-lanes"))).isEqualTo(json.at("/carriers/count").asInt());
        assertThat(browser.findElement(By.id("timeline-note")).getText()).contains("requests is drawn: 20 (starting from");
    }

    /** The biggest recording at hand, given with -Dloomscope.bigRecording=FILE: skipped without one. */
    @Test
    void aBigRecordingGivenByHandRendersWithoutConsoleErrors() throws Exception {
        String big = System.getProperty("loomscope.bigRecording");
        org.junit.jupiter.api.Assumptions.assumeTrue(big != null, "no -Dloomscope.bigRecording=FILE");
        Path page = OUT.resolve("big.html");
        JsonNode json = HeadlessChromium.writeReport(Path.of(big), page, false);

        open(page);

        assertThat(consoleErrors()).isEmpty();
        if (json.at("/requests/peakInFlight").isNumber()) {
            WebElement inflight = browser.findElement(By.cssSelector("[data-testid='inflight']"));
            assertThat(Long.parseLong(inflight.getAttribute("data-peak")))
                    .isEqualTo(json.at("/requests/peakInFlight").asLong());
        }
        Files.write(OUT.resolve("big.png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
