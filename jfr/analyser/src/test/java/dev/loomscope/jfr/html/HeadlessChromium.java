package dev.loomscope.jfr.html;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loomscope.jfr.analysis.Analysis;
import dev.loomscope.jfr.analysis.RecordingAnalyzer;
import dev.loomscope.jfr.render.JsonRenderer;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's headless Chromium for the browser tests: starting it, writing a report page, opening it, its errors. */
final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    static ChromeDriver start() {
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
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                                        .usingAnyFreePort().build(), options);
    }

    /** Analyses the recording and writes its page; returns the report's JSON the page was made from. */
    static JsonNode writeReport(Path recording, Path page, boolean jmcRules) throws Exception {
        return writePage(RecordingAnalyzer.analyze(List.of(recording)), recording, page, jmcRules);
    }

    /** Writes the page of an analysis already made; returns the report's JSON the page was made from. */
    static JsonNode writePage(Analysis analysis, Path recording, Path page, boolean jmcRules) throws Exception {
        JsonNode json = new JsonRenderer().tree(analysis.combined());
        Files.createDirectories(page.getParent());
        try (Writer out = Files.newBufferedWriter(page, StandardCharsets.UTF_8)) {
            HtmlReport.write(analysis, json, List.of(recording), jmcRules, out);
        }
        return json;
    }

    /** Opens the page and waits until it marks itself drawn. */
    static void open(ChromeDriver browser, Path page) {
        browser.get(page.toAbsolutePath().toUri().toString());
        try {
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(
                    driver -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-rendered")));
        } catch (TimeoutException e) {
            // A script error stops the page before it marks itself drawn: name the error, not the wait.
            throw new AssertionError("the page did not finish drawing; console: " + consoleErrors(browser), e);
        }
    }

    static List<LogEntry> consoleErrors(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();
    }
}
