package dev.loomscope.jfr.html;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loomscope.jfr.Fixtures;
import dev.loomscope.jfr.analysis.Analysis;
import dev.loomscope.jfr.analysis.RecordingAnalyzer;
import dev.loomscope.jfr.render.JsonRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** Opens a generated report in headless Chromium (Debian's chromium and chromedriver) and reads what it shows. */
class HtmlReportBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path OUT = Path.of("target/html-report");

    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        assertThat(CHROMIUM).as("headless Chromium (apt-get install chromium; .ci/install-test-deps does)").exists();
        assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver)").exists();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Flags for a root, offline, headless run: no sandbox, no GPU, and none of Chromium's background traffic.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--no-first-run", "--window-size=1400,1800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static JsonNode writeReport(Path recording, Path page) throws Exception {
        return writeReport(recording, page, dev.loomscope.jfr.analysis.Timeline.DEFAULT_CAP);
    }

    private static JsonNode writeReport(Path recording, Path page, int timelineCap) throws Exception {
        Analysis analysis = RecordingAnalyzer.analyze(List.of(recording), timelineCap);
        JsonNode json = new JsonRenderer().tree(analysis.combined());
        Files.createDirectories(page.getParent());
        try (Writer out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
            HtmlReport.write(analysis, json, List.of(recording), out);
        }
        return json;
    }

    private static void open(Path page) {
        browser.get(page.toAbsolutePath().toUri().toString());
        try {
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(
                    driver -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-rendered")));
        } catch (org.openqa.selenium.TimeoutException e) {
            // A script error stops the page before it marks itself drawn: name the error, not the wait.
            throw new AssertionError("the page did not finish drawing; console: " + consoleErrors(), e);
        }
    }

    private static List<LogEntry> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();
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
        Analysis analysis = RecordingAnalyzer.analyze(List.of(Path.of(big)));
        JsonNode json = new JsonRenderer().tree(analysis.combined());
        Files.createDirectories(page.getParent());
        try (Writer out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
            HtmlReport.write(analysis, json, List.of(Path.of(big)), false, out);
        }

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
