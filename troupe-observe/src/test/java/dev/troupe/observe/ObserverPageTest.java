package dev.troupe.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.testkit.TestProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The observer's page in a real headless Chromium, against a system of about 3,000 actors: the tree renders
 * and expands level by level, the counters and the throughput chart show live values, restarts and dead
 * letters appear with their cause and message type, and the Stop button (after its confirmation) really stops
 * the selected actor.
 *
 * <p>The screenshot goes to {@code target/observer.png}, or where the system property
 * {@code observer.screenshot} says: {@code -Dobserver.screenshot=../docs/observer.png} refreshes the one in the
 * docs, and then waits for half a minute of chart points first, so that the charts show more than a start.
 */
class ObserverPageTest {
    private static final int GROUPS = 5;
    private static final int WORKERS_PER_GROUP = 599;
    /** The children the page shows of one level before "show more". */
    private static final int LEVEL_SIZE = 500;
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private ObservedSystem observed;
    private HeadlessChromium chromium;

    @BeforeEach
    void start() throws Exception {
        observed = new ObservedSystem("observed-page", GROUPS, WORKERS_PER_GROUP, 2, ActorMetricsSettings.defaults(),
                ObserverSettings.defaults());
        chromium = HeadlessChromium.startOrSkip();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            observed.close();
        }
    }

    @Test
    void pageShowsTheLiveSystemAndStopsTheSelectedActor() throws Exception {
        try {
            useThePage(chromium.driver());
        } catch (RuntimeException | AssertionError e) {
            e.addSuppressed(new AssertionError("What the browser saw:\n" + chromium.diagnostics()));
            throw e;
        }
    }

    private void useThePage(ChromeDriver browser) throws Exception {
        // The page redraws its live parts every couple of seconds: an element found just before a redraw is gone.
        FluentWait<WebDriver> wait = new WebDriverWait(browser, PATIENCE)
                .ignoring(StaleElementReferenceException.class);
        browser.get(observed.observer.url().toString());
        wait.until(ExpectedConditions.textToBe(By.id("connection"), "live"));

        // The tree: the top level is open; /user, then /user/app, then one group open on a click each, its
        // first 500 workers, then all of them after "show more".
        String user = "troupe://observed-page/user";
        expand(wait, user);
        expand(wait, user + "/app");
        By groups = By.cssSelector(".node-row[data-path^='" + user + "/app/group-']");
        wait.until(ExpectedConditions.numberOfElementsToBe(groups, GROUPS));
        expand(wait, user + "/app/group-00");
        By workers = By.cssSelector(".node-row[data-path^='" + user + "/app/group-00/worker-']");
        wait.until(ExpectedConditions.numberOfElementsToBe(workers, LEVEL_SIZE));
        click(wait, By.cssSelector("li.more"));
        wait.until(ExpectedConditions.numberOfElementsToBe(workers, WORKERS_PER_GROUP));

        // Counters: all the actors are alive, and the message count moves on by itself.
        assertThat(numberIn(wait, By.id("c-actors"))).isGreaterThanOrEqualTo(GROUPS * (WORKERS_PER_GROUP + 1) + 2);
        long messages = numberIn(wait, By.id("c-messages"));
        wait.until(d -> number(d.findElement(By.id("c-messages"))) > messages);
        wait.until(d -> number(d.findElement(By.id("c-rate"))) > 0);

        // The throughput chart has drawn a line through several live points.
        By throughput = By.id("chart-throughput");
        wait.until(d -> Integer.parseInt(d.findElement(throughput).getDomAttribute("data-points")) >= 3);
        String line = wait.until(d -> d.findElement(throughput).findElement(By.cssSelector("polyline.series"))
                .getDomAttribute("points"));
        assertThat(line.trim().split(" ")).hasSizeGreaterThanOrEqualTo(3);

        // A restart and a dead letter show up with their cause and message type.
        observed.flaky.tell(new ObservedSystem.Work.Fail("injected by the test"));
        var gone = observed.kit.spawn(ObservedSystem.worker(), "gone");
        observed.kit.stop(gone);
        gone.tell(new ObservedSystem.Work.Job(1));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("restarts"),
                "java.lang.IllegalStateException: injected by the test"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#dead-letters tbody"),
                "ObservedSystem$Work$Job"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#types tbody"), "worker"));

        // A busy worker's details, on screen for the screenshot.
        select(wait, user + "/app/group-00/worker-005");
        wait.until(d -> number(d.findElement(By.cssSelector("#detail-fields dd:nth-of-type(7)"))) > 0);
        saveScreenshot(browser, throughput);

        // Stop the victim from the page, confirming the dialog; a probe sees it terminate.
        select(wait, user + "/victim");
        click(wait, By.id("stop-button"));
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        // The page says so, then (at its next refresh) that the actor is gone.
        wait.until(ExpectedConditions.textMatches(By.id("stop-result"),
                Pattern.compile("Stop requested\\.|Stopped: no longer alive\\.")));
        TestProbe<Object> watcher = observed.kit.createTestProbe();
        watcher.expectTerminated(observed.victim, PATIENCE);
        wait.until(ExpectedConditions.textToBe(By.id("stop-result"), "Stopped: no longer alive."));
        wait.until(ExpectedConditions.numberOfElementsToBe(row(user + "/victim"), 0));
    }

    private static void expand(FluentWait<WebDriver> wait, String path) {
        wait.until(d -> {
            WebElement toggle = d.findElement(row(path)).findElement(By.className("toggle"));
            if (!"▾".equals(toggle.getText())) {
                toggle.click();
            }
            return true;
        });
        wait.until(d -> "▾".equals(d.findElement(row(path)).findElement(By.className("toggle")).getText()));
    }

    private static void select(FluentWait<WebDriver> wait, String path) {
        click(wait, By.cssSelector(".node-row[data-path='" + path + "'] .node-name"));
        wait.until(ExpectedConditions.textToBe(By.id("detail-path"), path));
    }

    private static By row(String path) {
        return By.cssSelector(".node-row[data-path='" + path + "']");
    }

    /** Clicks what {@code by} finds, finding it again if a redraw replaced it first. */
    private static void click(FluentWait<WebDriver> wait, By by) {
        wait.until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    /** The number shown by what {@code by} finds, found again if a redraw replaced it first. */
    private static long numberIn(FluentWait<WebDriver> wait, By by) {
        return wait.until(d -> number(d.findElement(by)));
    }

    private static long number(WebElement counter) {
        String digits = counter.getText().replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }

    private static void saveScreenshot(ChromeDriver browser, By chart) throws Exception {
        String requested = System.getProperty("observer.screenshot");
        if (requested != null) {
            new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                    .until(d -> Integer.parseInt(d.findElement(chart).getDomAttribute("data-points")) >= 30);
        }
        browser.executeScript("document.getElementById('tree-panel').scrollTop = 0"); // show the tree's top
        Path target = Path.of(requested != null ? requested : "target/observer.png");
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.write(target, browser.getScreenshotAs(OutputType.BYTES));
    }
}
