package dev.troupe.observe;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver: both by their paths, so that Selenium Manager
 * never looks for (or downloads) a browser or a driver. When they are missing the test is skipped, unless the
 * environment sets {@code TROUPE_REQUIRE_BROWSER=1} (as {@code .ci/run} does, after installing them): then it
 * fails.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Path profile;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile, ChromeDriver driver) {
        this.profile = profile;
        this.driver = driver;
    }

    /** Starts the browser with a fresh profile, or skips (or fails) the calling test if it is not installed. */
    static HeadlessChromium startOrSkip() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = CHROMIUM + " or " + CHROMEDRIVER + " is missing; install Debian's packages with "
                    + "'apt-get install -y chromium chromium-driver' to run the browser test";
            if ("1".equals(System.getenv("TROUPE_REQUIRE_BROWSER"))) {
                fail(missing + " (TROUPE_REQUIRE_BROWSER=1 requires the browser)");
            }
            Assumptions.abort(missing);
        }
        Path profile = Files.createTempDirectory("troupe-observer-chromium");
        ChromeOptions options = new ChromeOptions();
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1600,1750", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
        return new HeadlessChromium(profile, driver);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** The page's console and the start of its HTML, for the message of a failed test. */
    String diagnostics() {
        StringBuilder out = new StringBuilder();
        try {
            driver.manage().logs().get(LogType.BROWSER).forEach(entry -> out.append("console: ").append(entry)
                    .append('\n'));
            String html = driver.getPageSource();
            out.append(html, 0, Math.min(html.length(), 6_000));
        } catch (RuntimeException e) {
            out.append("(the browser could not say: ").append(e).append(')');
        }
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
